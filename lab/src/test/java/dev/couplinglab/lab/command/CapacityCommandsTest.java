package dev.couplinglab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.calibrate.Bounds;
import dev.couplinglab.experiment.calibrate.Calibration;
import dev.couplinglab.experiment.calibrate.Calibrator;
import dev.couplinglab.experiment.calibrate.CapacityFile;
import dev.couplinglab.experiment.calibrate.Machine;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.model.ResilienceSettings;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.LabRunner;
import dev.couplinglab.lab.target.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** calibrate's options, --rate N|N%, and a share resolved against capacity.json, no cluster. */
class CapacityCommandsTest {

  @TempDir Path runDir;

  private final Experiment scenario =
      ExperimentParser.parse("name: x\nload: {rate: 30%, duration: 10s}\n");

  private LabRunner.Result lab(String... args) {
    return LabRunner.run(Map.of("LAB_RUN_DIR", runDir.toString(), "LAB_TARGET", "local"), args);
  }

  private LabCapacity capacity(Target target) {
    PrintWriter unused = new PrintWriter(new StringWriter());
    LabContext lab = new LabContext(Map.of("LAB_RUN_DIR", runDir.toString()), null, unused, unused);
    return new LabCapacity(lab, target);
  }

  private void saveCapacity(String target, double perStyle) throws Exception {
    CapacityFile.write(
        new Calibration(
            OptionalDouble.of(perStyle),
            "capacity",
            Bounds.DEFAULT,
            List.of(),
            Duration.ofSeconds(15),
            target,
            Machine.local(),
            Instant.parse("2026-11-27T07:00:00Z")),
        runDir.resolve(CapacityFile.NAME));
  }

  @Test
  void aShareResolvesAgainstTheCapacitySavedForTheTarget() throws Exception {
    saveCapacity("local", 60);

    RateBasis b = capacity(Target.LOCAL).resolve(scenario.load().rateSpec(), "file", false);

    assertThat(b.ratePerStyle()).as("30% of 60/s").isEqualTo(18);
    assertThat(b.capacityPerStyle()).as("capacity").hasValue(60.0);
  }

  @Test
  void aShareWithoutCapacityStopsWithOneLineSayingToCalibrate() {
    assertThatThrownBy(
            () -> capacity(Target.LOCAL).resolve(scenario.load().rateSpec(), "file", false))
        .as("no capacity.json")
        .isInstanceOf(LabException.class)
        .hasMessageStartingWith(
            "rate 30% is a share of the capacity, but none is measured for the local cluster")
        .hasMessageEndingWith(": run 'bin/lab calibrate' first, or give a fixed --rate N")
        .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
  }

  @Test
  void aCapacityMeasuredOnTheOtherTargetIsNotUsed() throws Exception {
    saveCapacity("compose", 60);

    assertThatThrownBy(
            () -> capacity(Target.LOCAL).resolve(scenario.load().rateSpec(), "file", false))
        .as("compose's capacity for a local run")
        .hasMessageContaining("was measured on the compose cluster, not local");
  }

  @Test
  void rateOptionOverridesTheFilesRateAsANumberOrAShare() {
    ExperimentRunCommand fixed = new ExperimentRunCommand();
    new CommandLine(fixed).parseArgs("--rate", "12.5", "baseline");
    ExperimentRunCommand share = new ExperimentRunCommand();
    new CommandLine(share).parseArgs("--rate", "150%", "baseline");
    ExperimentRunCommand none = new ExperimentRunCommand();
    new CommandLine(none).parseArgs("baseline");

    assertThat(fixed.rate(scenario)).as("--rate 12.5").isEqualTo(new Rate.Fixed(12.5));
    assertThat(share.rate(scenario)).as("--rate 150%").isEqualTo(new Rate.ShareOfCapacity(150));
    assertThat(none.rate(scenario)).as("the file's").isEqualTo(new Rate.ShareOfCapacity(30));
  }

  @Test
  void aBadRateIsBadUsageInOneLine() {
    LabRunner.Result r = lab("experiment", "run", "--rate", "abc", "baseline");

    assertThat(r.exitCode()).as("bad usage").isEqualTo(2);
    assertThat(r.err())
        .as("the parser's message")
        .contains("--rate: expected a number or a percentage like 30%, was \"abc\"");
  }

  @Test
  void loadAcceptsAShareOfCapacity() {
    LoadCommand load = new LoadCommand();
    new CommandLine(load).parseArgs("--rate", "40%");

    assertThat(load.experiment(ResilienceSettings.defaults()).load().rateSpec())
        .as("rate")
        .isEqualTo(new Rate.ShareOfCapacity(40));
  }

  @Test
  void calibrateOptionsBecomeItsSettings() {
    CalibrateCommand c = new CalibrateCommand();
    new CommandLine(c)
        .parseArgs(
            "--rates",
            "5,10",
            "--refine",
            "0",
            "--warmup",
            "0",
            "--step",
            "3s",
            "--sync-p99",
            "100ms",
            "--async-p99",
            "2s");

    Calibrator.Settings s = c.settings();

    assertThat(s.search().ladder()).as("ladder").containsExactly(5.0, 10.0);
    assertThat(s.search().refineSteps()).as("refine").isZero();
    assertThat(s.search().confirmFailures()).as("confirms by default").isTrue();
    assertThat(s.warmup()).as("no warm-up").isZero();
    assertThat(s.step()).as("step").isEqualTo(Duration.ofSeconds(3));
    assertThat(s.bounds())
        .as("bounds")
        .isEqualTo(new Bounds(Duration.ofMillis(100), Duration.ofSeconds(2)));
    assertThat(s.sku()).as("not the scenarios' SKU").isEqualTo("SKU-BREAD");
  }

  @Test
  void calibrateNoConfirmTrustsTheFirstFailure() {
    CalibrateCommand c = new CalibrateCommand();
    new CommandLine(c).parseArgs("--no-confirm");

    assertThat(c.settings().search().confirmFailures()).as("--no-confirm").isFalse();
  }

  @Test
  void calibrateRefusesADescendingLadderAndNeedsACluster() {
    LabRunner.Result descending = lab("calibrate", "--rates", "20,10");
    LabRunner.Result noCluster = lab("calibrate");

    assertThat(descending.exitCode()).as("bad usage").isEqualTo(2);
    assertThat(descending.err()).as("says why").contains("must ascend");
    assertThat(noCluster.exitCode()).as("nothing runs").isEqualTo(1);
    assertThat(noCluster.err()).as("one line").startsWith("error: no local cluster runs in ");
  }
}
