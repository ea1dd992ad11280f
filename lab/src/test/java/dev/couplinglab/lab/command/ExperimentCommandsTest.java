package dev.couplinglab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.lab.LabRunner;
import dev.couplinglab.lab.experiments.LabResilienceApplier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Experiment commands without a cluster: refusals, the list, the load as an experiment. */
class ExperimentCommandsTest {

  @TempDir Path runDir;

  private LabRunner.Result lab(String... args) {
    return LabRunner.run(Map.of("LAB_RUN_DIR", runDir.toString(), "LAB_TARGET", "local"), args);
  }

  @Test
  void composeOnlyScenarioFailsFastOnTheLocalTarget() {
    LabRunner.Result r = lab("experiment", "run", "broker-down");

    assertThat(r.exitCode()).as("exit").isEqualTo(1);
    assertThat(r.err().lines().toList()).as("one line").hasSize(1);
    assertThat(r.err()).as("says why").startsWith("error: broker-down is COMPOSE ONLY");
  }

  @Test
  void refusesAMissingFileAndRunsNothingWithoutACluster() {
    LabRunner.Result missing = lab("experiment", "run", "no-such-scenario");
    LabRunner.Result noCluster = lab("experiment", "run", "baseline");

    assertThat(missing.exitCode()).as("bad usage").isEqualTo(2);
    assertThat(noCluster.exitCode()).as("nothing runs").isEqualTo(1);
    assertThat(noCluster.err()).as("one line").startsWith("error: no local cluster runs in ");
  }

  @Test
  void findsAFileInASubFolderByItsPathFromTheLabHomeOrByItsNameThere() {
    Path relative = Path.of("experiments", "restarts", "inventory-service-restart.yaml");
    assertThat(relative).as("precondition: not a path from the working folder").doesNotExist();

    LabRunner.Result byPath = lab("experiment", "run", relative.toString());
    LabRunner.Result byName = lab("experiment", "run", "restarts/inventory-service-kill");
    LabRunner.Result missing = lab("experiment", "run", "experiments/restarts/no-such-file.yaml");

    for (LabRunner.Result found : List.of(byPath, byName)) {
      assertThat(found.err())
          .as("the file was read; what stops it is the missing cluster")
          .startsWith("error: no local cluster runs in ");
      assertThat(found.exitCode()).as("exit").isEqualTo(1);
    }
    assertThat(missing.exitCode()).as("bad usage").isEqualTo(2);
    assertThat(missing.err()).as("names the file").contains("no-such-file.yaml");
  }

  @Test
  void listsEveryScenarioWithItsDescription() {
    LabRunner.Result r = lab("experiment", "list");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(r.out())
        .as("scenarios")
        .contains("baseline.yaml")
        .contains("inventory-paused.yaml")
        .contains("retry-storm-breaker.yaml")
        .doesNotContain("cannot read");
  }

  @Test
  void loadOptionsBecomeAnExperimentWithoutTimelineUnderTheSettingsInForce() {
    LoadCommand load = new LoadCommand();
    new CommandLine(load)
        .parseArgs("--rate", "200", "--duration", "1.5s", "--style", "async", "--sku", "SKU-LAMP");

    Experiment e =
        load.experiment(
            LabResilienceApplier.fromProto(
                ResilienceSettings.newBuilder()
                    .setInventoryDeadlineMs(1500)
                    .setMaxAttempts(3)
                    .setCircuitBreakerEnabled(true)
                    .setBulkheadEnabled(true)
                    .setMaxConcurrent(20)
                    .setSharedEntryPool(true)
                    .build()));

    assertThat(e.load().rate()).as("rate").isEqualTo(200.0);
    assertThat(e.load().duration()).as("duration").isEqualTo(Duration.ofMillis(1500));
    assertThat(e.load().styles()).as("styles").isEqualTo(List.of(RunStyle.ASYNC));
    assertThat(e.load().sku()).as("sku").isEqualTo("SKU-LAMP");
    assertThat(e.timeline()).as("no fault").isEmpty();
    assertThat(e.resilience().maxAttempts()).as("attempts in force").isEqualTo(3);
    assertThat(e.resilience().bulkhead()).as("bulkhead in force").isEqualTo(20);
    assertThat(e.resilience().deadline()).as("deadline").isEqualTo(Duration.ofMillis(1500));
    assertThat(e.resilience().sharedEntryPool()).as("entry pool in force").isTrue();
  }

  @Test
  void loadOptionsOutOfRangeGetTheFilesMessage() {
    LabRunner.Result r = lab("load", "--qty", "0");

    assertThat(r.exitCode()).as("bad usage").isEqualTo(2);
    assertThat(r.err()).contains("load.quantity: must be from 1 to 1000, was 0");
  }

  @Test
  void loadRefusesAnUnknownStyle() {
    LabRunner.Result r = lab("load", "--style", "carrier-pigeon");

    assertThat(r.exitCode()).as("bad usage").isEqualTo(2);
  }
}
