package dev.couplinglab.experiment.report;

import static dev.couplinglab.experiment.report.RunFixtures.S;
import static dev.couplinglab.experiment.report.RunFixtures.cleanLedger;
import static dev.couplinglab.experiment.report.RunFixtures.failed;
import static dev.couplinglab.experiment.report.RunFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.Verdict;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.model.RunStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

  /** 10 s at 10/s per style, inventory killed from 3 s to 6 s, as in {@link ReportFixtures}. */
  static final String INVENTORY_DOWN =
      """
      name: inventory-down
      load: {rate: 10, duration: 10s}
      timeline:
        - {at: 3s, fault: kill, target: inventory-service, for: 3s}
      expectations: {sync_errors_during_fault: true, async_accept_errors: 0, ledger_clean: true}
      """;

  static boolean down(long t) {
    return t >= 3 * S && t < 6 * S;
  }

  /** Before the fault already: sync answers after 1 s and one call in four times out. */
  static ExperimentResult overloaded() {
    return RunFixtures.run(
        INVENTORY_DOWN,
        3,
        6,
        (s, i, t) ->
            down(t) || i % 4 == 0 ? failed(s, i, t, "DEADLINE_EXCEEDED", 2000) : ok(s, i, t, 1000),
        (s, i, t) -> ok(s, i, t, 3000),
        cleanLedger());
  }

  @Test
  void overloadedRunIsInconclusiveWhateverTheExpectations() {
    ExperimentResult r = overloaded();

    assertThat(r.passed()).as("the expectations alone hold").isTrue();
    assertThat(r.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(r.health().unhealthy())
        .as("sync and async, before the fault")
        .extracting(w -> w.style().text() + " " + w.label())
        .containsExactly("sync before the fault", "async before the fault");
  }

  @Test
  void overloadedReportOpensWithTheOverloadAndItsFigures() {
    String md = MarkdownReport.render(overloaded());

    assertThat(md)
        .as("the overload paragraph comes right after the title")
        .startsWith(
            "# Experiment inventory-down\n\n"
                + "**INCONCLUSIVE: the cluster was overloaded at 10 orders/s per style.**")
        .contains(
            "sync before the fault (0.0-2.8 s): 7 of 28 PlaceOrder calls failed"
                + " (DEADLINE_EXCEEDED 7), p99 1000 ms against a bound of 250.0 ms")
        .contains("async before the fault (0.0-2.0 s): p99 3000 ms against a bound of 1000 ms")
        .contains(
            "A rate that would fit: about 2 orders/s per style (10/s x 250.0 ms / 1000 ms, the"
                + " bound over the p99 of sync before the fault")
        .contains("Verdict: **INCONCLUSIVE** (the cluster was overloaded, see above)")
        .contains("**Suitability.** This run cannot judge which style suits the scenario")
        .contains("| sync | before the fault, 0.0-2.8 s | 28 | 7 (DEADLINE_EXCEEDED 7) | 0 |");
    assertThat(md).as("no better style").doesNotContainPattern("served [^.]* better");
  }

  @Test
  void healthyRunWithAFaultKeepsTheExpectationsVerdict() {
    ExperimentResult passing = ReportFixtures.result(true);
    ExperimentResult failing = ReportFixtures.result(false);

    assertThat(passing.health().overloaded()).as("healthy before the fault").isFalse();
    assertThat(passing.verdict()).isEqualTo(Verdict.PASS);
    assertThat(failing.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(MarkdownReport.render(passing))
        .doesNotContain("**INCONCLUSIVE")
        .contains("Verdict: **PASS**")
        .contains("Healthy: every style met the bounds");
  }

  @Test
  void bothStylesWithLedgerProblemsMeansNeitherServed() {
    LedgerResult ledger =
        new LedgerResult(
            List.of(
                "sync-1 (sync, accepted, still PENDING)", "async-2 (async, stored, still PENDING)"),
            0,
            0,
            0,
            "",
            List.of(),
            List.of(),
            0,
            0);
    ExperimentResult r =
        RunFixtures.run(
            INVENTORY_DOWN,
            3,
            6,
            (s, i, t) -> down(t) ? failed(s, i, t, "UNAVAILABLE", 5) : ok(s, i, t, 20),
            (s, i, t) -> ok(s, i, t, 30),
            ledger);

    String suitability =
        Summary.verdict(r, r.styles().get(RunStyle.SYNC), r.styles().get(RunStyle.ASYNC));

    assertThat(suitability)
        .isEqualTo(
            "Neither style served this scenario (rule R1): the ledger names 1 sync and 1 async"
                + " problem order(s).");
  }

  @Test
  void bothStylesFailingManyCallsMeansNeitherServed() {
    ExperimentResult r =
        RunFixtures.run(
            INVENTORY_DOWN,
            3,
            6,
            (s, i, t) -> down(t) ? failed(s, i, t, "UNAVAILABLE", 5) : ok(s, i, t, 20),
            (s, i, t) -> down(t) ? failed(s, i, t, "UNAVAILABLE", 5) : ok(s, i, t, 30),
            cleanLedger());

    String suitability = suitability(MarkdownReport.render(r));

    assertThat(r.verdict()).as("healthy outside the fault").isNotEqualTo(Verdict.INCONCLUSIVE);
    assertThat(suitability)
        .contains(
            "**Suitability.** Neither style served this scenario (rule R2): 30.0% of sync calls"
                + " (UNAVAILABLE 30) and 30.0% of async calls (UNAVAILABLE 30) failed")
        .doesNotContainPattern("served [^.]* better");
  }

  @Test
  void oneStyleWithLedgerProblemsLeavesTheOtherAsTheBetter() {
    LedgerResult ledger =
        new LedgerResult(
            List.of("sync-1 (sync, accepted, still PENDING)"),
            0,
            0,
            0,
            "",
            List.of(),
            List.of(),
            0,
            0);
    ExperimentResult r =
        RunFixtures.run(
            INVENTORY_DOWN,
            3,
            6,
            (s, i, t) -> ok(s, i, t, 20),
            (s, i, t) -> ok(s, i, t, 30),
            ledger);

    assertThat(Summary.verdict(r, r.styles().get(RunStyle.SYNC), r.styles().get(RunStyle.ASYNC)))
        .startsWith("async served this scenario better (rule R1)");
  }

  private static String suitability(String md) {
    return md.lines().filter(l -> l.startsWith("- **Suitability.**")).findFirst().orElseThrow();
  }
}
