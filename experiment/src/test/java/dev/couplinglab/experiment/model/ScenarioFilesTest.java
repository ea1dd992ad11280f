package dev.couplinglab.experiment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The ready-made scenarios in experiments/ parse, and cover every scenario of the design. */
class ScenarioFilesTest {

  private static final Path DIR = Path.of("..", "experiments");

  @Test
  void everyScenarioRunsAtThirtyPercentOfCapacityOrSaysWhyNotAndWhatItTeaches() throws IOException {
    List<Experiment> all = scenarios();

    assertThat(all).as("scenario files").hasSizeGreaterThanOrEqualTo(10);
    for (Experiment e : all) {
      assertThat(e.description()).as(e.name() + " description").hasSizeGreaterThan(100);
      if (e.load().rateSpec() instanceof Rate.Fixed fixed) {
        assertThat(e.description())
            .as(e.name() + ": a fixed rate says why it is not a share of capacity")
            .contains("A fixed rate, not a share of capacity");
        assertThat(fixed.perSecond()).as(e.name() + " fixed rate").isLessThanOrEqualTo(30);
      } else {
        assertThat(e.load().rateSpec())
            .as(e.name() + " rate: a share of the measured capacity, not a fixed overload")
            .isEqualTo(new Rate.ShareOfCapacity(30));
      }
      assertThat(e.load().duration()).as(e.name() + " duration").isEqualTo(Duration.ofSeconds(60));
      assertThat(e.load().styles()).as(e.name()).containsExactly(RunStyle.SYNC, RunStyle.ASYNC);
      assertThat(e.expectations().ledgerClean()).as(e.name() + " checks the ledger").isNotNull();
    }
  }

  @Test
  void coversEveryScenarioOfTheDesign() throws IOException {
    assertThat(scenarios().stream().map(Experiment::name))
        .contains(
            "baseline",
            "inventory-slow",
            "inventory-down",
            "inventory-paused",
            "notification-down",
            "broker-down",
            "all-brokers-down",
            "partition-order-inventory",
            "poison-record",
            "retry-storm",
            "retry-storm-breaker",
            "shared-pool");
  }

  @Test
  void fileNamesMatchExperimentNames() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        assertThat(ExperimentParser.read(f).name() + ".yaml").isEqualTo(f.getFileName().toString());
      }
    }
  }

  private static List<Experiment> scenarios() throws IOException {
    List<Experiment> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(ExperimentParser.read(f));
      }
    }
    return out;
  }
}
