package dev.couplinglab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.calibrate.Bounds;
import dev.couplinglab.experiment.calibrate.Calibration;
import dev.couplinglab.experiment.calibrate.Calibrator;
import dev.couplinglab.experiment.calibrate.CapacityFile;
import dev.couplinglab.experiment.calibrate.CapacitySearch;
import dev.couplinglab.experiment.calibrate.SavedCapacity;
import dev.couplinglab.experiment.calibrate.StepResult;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short calibration against the three real services in-process: two steps of 3 s at 5/s and 10/s
 * per style. Checks the shape of the result, not the figures (the machine is shared).
 */
class CalibratorIT {

  @TempDir static Path dir;
  private static ExperimentCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ExperimentCluster(dir.resolve("cluster"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void stepsUpTheLadderPrintsEachStepAndSavesTheCapacityFile() throws Exception {
    List<String> lines = new CopyOnWriteArrayList<>();
    Calibrator.Settings settings =
        new Calibrator.Settings(
            Duration.ofSeconds(2),
            5,
            Duration.ofSeconds(3),
            new Bounds(Duration.ofSeconds(2), Duration.ofSeconds(5)),
            new CapacitySearch(List.of(5.0, 10.0), 0),
            "SKU-COFFEE");
    ManagedChannel order =
        ManagedChannelBuilder.forTarget(cluster.addresses().order()).usePlaintext().build();
    ManagedChannel inventory =
        ManagedChannelBuilder.forTarget(cluster.addresses().inventory()).usePlaintext().build();
    Calibration c;
    try {
      c = new Calibrator(order, inventory, lines::add).run(settings, "in-process");
    } finally {
      order.shutdownNow();
      inventory.shutdownNow();
    }

    assertThat(c.steps()).as("steps run").isNotEmpty().hasSizeLessThanOrEqualTo(2);
    assertThat(c.steps().get(0).rate()).as("the ladder's first rate").isEqualTo(5.0);
    for (StepResult s : c.steps()) {
      assertThat(s.sentPerStyle())
          .as("3 s of open-loop load at " + s.rate())
          .isEqualTo((long) (s.rate() * 3));
    }
    if (c.capacityPerStyle().isPresent()) {
      assertThat(c.steps())
          .extracting(StepResult::rate)
          .as("capacity is a rate tried")
          .contains(c.capacityPerStyle().getAsDouble());
    }
    assertThat(lines)
        .as("printed: machine, bounds, warm-up, one line per step, the verdict")
        .anyMatch(l -> l.startsWith("Machine: "))
        .anyMatch(l -> l.startsWith("Warm-up done: "))
        .anyMatch(l -> l.contains("5/s") && (l.contains("PASS") || l.contains("FAIL")))
        .last()
        .isEqualTo(c.verdict());

    Path file = dir.resolve(CapacityFile.NAME);
    CapacityFile.write(c, file);
    SavedCapacity saved = CapacityFile.read(file, "capacity.json").orElseThrow();
    assertThat(saved.capacityPerStyle()).as("saved capacity").isEqualTo(c.capacityPerStyle());
    assertThat(saved.target()).as("target").isEqualTo("in-process");
    assertThat(saved.machine()).as("machine").isEqualTo(c.machine().describe());
  }
}
