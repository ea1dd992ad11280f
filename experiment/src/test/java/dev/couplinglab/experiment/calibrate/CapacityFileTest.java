package dev.couplinglab.experiment.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.experiment.load.LatencySummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CapacityFileTest {

  @TempDir Path dir;

  private static Calibration calibration(OptionalDouble capacity) {
    LatencySummary l = new LatencySummary(10, 1_000, 2_000, 3_000);
    return new Calibration(
        capacity,
        "capacity 30/s per style",
        Bounds.DEFAULT,
        List.of(new StepResult(30, 450, Map.of(), 0, 0, l, l)),
        Duration.ofSeconds(15),
        "local",
        new Machine("Test CPU", 2600, 2),
        Instant.parse("2026-11-27T07:00:00Z"));
  }

  @Test
  void readsBackTheCapacityTargetMachineAndTimeItWrote() throws Exception {
    Path file = dir.resolve(CapacityFile.NAME);

    CapacityFile.write(calibration(OptionalDouble.of(30)), file);
    SavedCapacity saved = CapacityFile.read(file, "run/capacity.json").orElseThrow();

    assertThat(saved.capacityPerStyle()).as("capacity").hasValue(30.0);
    assertThat(saved.target()).as("target").isEqualTo("local");
    assertThat(saved.measuredAt()).as("time").isEqualTo(Instant.parse("2026-11-27T07:00:00Z"));
    assertThat(saved.machine()).as("machine").isEqualTo("Test CPU, 2 cores @ 2600 MHz");
    assertThat(saved.bounds())
        .as("bounds")
        .isEqualTo("sync p99 <= 250ms, async end-to-end p99 <= 1s");
    assertThat(Files.readString(file))
        .as("the steps are kept for a person")
        .contains("\"steps\": [");
  }

  @Test
  void aCalibrationWithoutCapacityReadsAsNoCapacity() throws Exception {
    Path file = dir.resolve(CapacityFile.NAME);

    CapacityFile.write(calibration(OptionalDouble.empty()), file);

    assertThat(CapacityFile.read(file, "x").orElseThrow().capacityPerStyle())
        .as("capacity")
        .isEmpty();
  }

  @Test
  void noFileIsNoCapacityAndABrokenOneIsOneLine() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"measuredAt\": \"yesterday\"}");

    assertThat(CapacityFile.read(dir.resolve("none.json"), "none.json")).as("no file").isEmpty();
    assertThatThrownBy(() -> CapacityFile.read(broken, "broken.json"))
        .as("unreadable")
        .hasMessageStartingWith("broken.json: unreadable (")
        .hasMessageEndingWith("); run calibrate again")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
