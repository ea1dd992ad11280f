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

/**
 * The ready-made scenarios in experiments/ parse, and cover every scenario of the design; so do the
 * kill / restart figures in experiments/restarts/.
 */
class ScenarioFilesTest {

  private static final Path DIR = Path.of("..", "experiments");
  private static final Path RESTARTS = DIR.resolve("restarts");
  private static final List<String> SERVICES =
      List.of("order-service", "inventory-service", "notification-service");

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
      } else if (e.load().rateSpec() instanceof Rate.Phased phased) {
        assertPlannedOverload(e, phased);
        continue;
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

  /**
   * A phased scenario overloads on purpose, in a phase marked so, and returns to a share the
   * cluster holds for long enough that recovery is seen.
   */
  private static void assertPlannedOverload(Experiment e, Rate.Phased phased) {
    List<RatePhase> phases = phased.phases();
    assertThat(phases).as(e.name() + ": an overload phase").anyMatch(RatePhase::overload);
    for (RatePhase p : phases) {
      assertThat(p.rate()).as(e.name() + " phase rate").isInstanceOf(Rate.ShareOfCapacity.class);
      if (!p.overload()) {
        assertThat(((Rate.ShareOfCapacity) p.rate()).percent())
            .as(e.name() + ": outside the overload the cluster has headroom")
            .isLessThanOrEqualTo(50);
      }
    }
    RatePhase last = phases.get(phases.size() - 1);
    assertThat(last.overload()).as(e.name() + ": ends back under capacity").isFalse();
    assertThat(e.load().duration().minus(last.at()))
        .as(e.name() + ": long enough after the overload to see recovery")
        .isGreaterThanOrEqualTo(Duration.ofSeconds(30));
    assertThat(e.load().styles()).as(e.name()).containsExactly(RunStyle.SYNC, RunStyle.ASYNC);
    assertThat(e.expectations().ledgerClean()).as(e.name() + " checks the ledger").isNotNull();
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
            "shared-pool",
            "inventory-restart",
            "overload");
  }

  @Test
  void restartFiguresKillAndRestartEachServiceOnceUnderTheSameLoadWithTwoAttempts()
      throws IOException {
    List<Experiment> all = scenarios(RESTARTS);
    List<String> expected = new ArrayList<>();
    for (String service : SERVICES) {
      expected.add(service + "-kill");
      expected.add(service + "-restart");
    }

    assertThat(all.stream().map(Experiment::name))
        .as("one kill and one restart per service")
        .containsExactlyInAnyOrderElementsOf(expected);
    for (Experiment e : all) {
      assertThat(e.description()).as(e.name() + " description").hasSizeGreaterThan(100);
      assertThat(e.load().rateSpec()).as(e.name()).isEqualTo(new Rate.ShareOfCapacity(30));
      assertThat(e.load().duration()).as(e.name() + " duration").isEqualTo(Duration.ofSeconds(60));
      assertThat(e.load().styles()).as(e.name()).containsExactly(RunStyle.SYNC, RunStyle.ASYNC);
      assertThat(e.resilience().maxAttempts()).as(e.name() + " attempts").isEqualTo(2);
      assertThat(e.timeline()).as(e.name() + " one fault").hasSize(1);
      FaultStep step = e.timeline().get(0);
      String service = e.name().substring(0, e.name().lastIndexOf('-'));
      assertThat(step.part()).as(e.name() + " target").isEqualTo(service);
      assertThat(step.at()).as(e.name() + " at").isEqualTo(Duration.ofSeconds(10));
      if (e.name().endsWith("-kill")) {
        assertThat(step.fault()).as(e.name()).isEqualTo(FaultKind.KILL);
        assertThat(step.lasting()).as(e.name() + " for").isEqualTo(Duration.ofSeconds(20));
      } else {
        assertThat(step.fault()).as(e.name()).isEqualTo(FaultKind.RESTART);
      }
      assertThat(e.expectations().syncErrorsDuringFault())
          .as(e.name() + ": sync fails while a service of its chain is gone")
          .isTrue();
      assertThat(e.expectations().ledgerClean())
          .as(
              e.name()
                  + ": nothing lost, doubled or held once it is back (a killed order-service"
                  + " fails the sync chains it cut at its next start and owes their Release)")
          .isTrue();
      if (service.equals("order-service")) {
        assertThat(e.expectations().asyncAcceptErrors())
            .as(e.name() + ": async fails too when its entry point is gone, so no bound")
            .isNull();
      } else {
        assertThat(e.expectations().asyncAcceptErrors()).as(e.name()).isZero();
      }
    }
  }

  @Test
  void fileNamesMatchExperimentNames() throws IOException {
    for (Path dir : List.of(DIR, RESTARTS)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
          assertThat(ExperimentParser.read(f).name() + ".yaml")
              .isEqualTo(f.getFileName().toString());
        }
      }
    }
  }

  private static List<Experiment> scenarios() throws IOException {
    return scenarios(DIR);
  }

  private static List<Experiment> scenarios(Path dir) throws IOException {
    List<Experiment> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        out.add(ExperimentParser.read(f));
      }
    }
    return out;
  }
}
