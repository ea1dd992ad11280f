package dev.couplinglab.experiment.health;

import static dev.couplinglab.experiment.report.RunFixtures.S;
import static dev.couplinglab.experiment.report.RunFixtures.cleanLedger;
import static dev.couplinglab.experiment.report.RunFixtures.failed;
import static dev.couplinglab.experiment.report.RunFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.Verdict;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.report.RunFixtures;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

  /** 30 s at 10/s, inventory killed from 5 s to 10 s. */
  static final String LONG_FAULT =
      """
      name: long-fault
      load: {rate: 10, duration: 30s}
      timeline:
        - {at: 5s, fault: kill, target: inventory-service, for: 5s}
      expectations: {sync_errors_during_fault: true}
      """;

  /** Sync fails from 5 s until 12 s (2 s after the fault: reconnecting), else answers in 20 ms. */
  static RunFixtures.Shape syncWithAftermath(long alsoFailsAt) {
    return (s, i, t) ->
        (t >= 5 * S && t < 12 * S) || t == alsoFailsAt
            ? failed(s, i, t, "UNAVAILABLE", 5)
            : ok(s, i, t, 20);
  }

  @Test
  void judgesBeforeTheFaultAndFromTheSettleMarginAfterEachStyleRecovered() {
    ExperimentResult r =
        RunFixtures.run(
            LONG_FAULT, 5, 10, syncWithAftermath(-1), (s, i, t) -> ok(s, i, t, 30), cleanLedger());

    RunHealth h = r.health();

    assertThat(h.overloaded())
        .as("errors while the fault's effect lasts are no overload")
        .isFalse();
    assertThat(h.windows())
        .extracting(w -> w.style().text() + " " + w.label() + " " + w.fromNanos() / (S / 1000))
        .as("sync recovered 2.02 s after the fault, async 30 ms after; both from the slower + 5 s")
        .containsExactly(
            "sync before the fault 0",
            "sync after the fault 17020",
            "async before the fault 0",
            "async after the fault 17020");
    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void anErrorAfterTheSettleMarginMakesTheRunInconclusive() {
    ExperimentResult r =
        RunFixtures.run(
            LONG_FAULT,
            5,
            10,
            syncWithAftermath(20 * S),
            (s, i, t) -> ok(s, i, t, 30),
            cleanLedger());

    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.health().unhealthy())
        .singleElement()
        .satisfies(
            w -> {
              assertThat(w.style()).isEqualTo(RunStyle.SYNC);
              assertThat(w.label()).isEqualTo("after the fault");
              assertThat(w.errorsByStatus()).containsEntry("UNAVAILABLE", 1L);
            });
  }

  @Test
  void anOrderDueJustBeforeTheFaultIsJudgedWithTheFault() {
    // Sync fails for an order due 100 ms before the kill (still in flight when it struck), and
    // async
    // orders due in the last second before it wait for the restart: the fault's doing, not
    // overload.
    ExperimentResult r =
        RunFixtures.run(
            LONG_FAULT,
            5,
            10,
            syncWithAftermath(5 * S - S / 10),
            (s, i, t) -> t >= 4 * S && t < 5 * S ? ok(s, i, t, 6_000) : ok(s, i, t, 30),
            cleanLedger());

    assertThat(r.health().overloaded()).as("health " + r.health().windows()).isFalse();
    assertThat(r.health().windows())
        .filteredOn(w -> w.label().equals("before the fault"))
        .extracting(w -> w.style().text() + " to " + w.toNanos() / (S / 1000))
        .as("before the fault ends one p99 bound before the kill's command started")
        .containsExactly("sync to 4750", "async to 4000");
  }

  @Test
  void withoutAFaultTheWholeRunIsJudged() {
    ExperimentResult r =
        RunFixtures.run(
            "name: load\nload: {rate: 10, duration: 5s}\n",
            -1,
            -1,
            (s, i, t) -> ok(s, i, t, 300),
            (s, i, t) -> ok(s, i, t, 30),
            cleanLedger());

    assertThat(r.health().windows())
        .extracting(WindowHealth::label)
        .containsExactly("whole run", "whole run");
    assertThat(r.verdict()).as("sync p99 300 ms is over 250 ms").isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.health().fittingRate()).as("10/s x 250 / 300, rounded down").isEqualTo(8);
  }

  @Test
  void theExperimentFileMaySetOtherBounds() {
    ExperimentResult r =
        RunFixtures.run(
            "name: load\nload: {rate: 10, duration: 5s}\n"
                + "expectations: {healthy_sync_p99: 500ms, healthy_async_p99: 2s}\n",
            -1,
            -1,
            (s, i, t) -> ok(s, i, t, 300),
            (s, i, t) -> ok(s, i, t, 1500),
            cleanLedger());

    assertThat(r.health().bounds().syncP99()).hasMillis(500);
    assertThat(r.verdict()).isEqualTo(Verdict.PASS);
  }

  @Test
  void failedCallsLowerTheFittingRateByTheShareThatFailed() {
    ExperimentResult r =
        RunFixtures.run(
            "name: load\nload: {rate: 10, duration: 10s}\n",
            -1,
            -1,
            (s, i, t) -> i % 2 == 0 ? failed(s, i, t, "RESOURCE_EXHAUSTED", 1) : ok(s, i, t, 20),
            (s, i, t) -> ok(s, i, t, 30),
            cleanLedger());

    assertThat(r.health().fittingRate()).as("half the calls failed: 10/s x 50%").isEqualTo(5);
  }
}
