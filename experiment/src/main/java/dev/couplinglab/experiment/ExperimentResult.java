package dev.couplinglab.experiment;

import dev.couplinglab.experiment.health.HealthCheck;
import dev.couplinglab.experiment.health.RunHealth;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one run produced: per-style stats, the fault windows as applied, the ledger, the
 * expectations, and the raw order records. The report is rendered from this alone; the verdict
 * (PASS, FAIL, or INCONCLUSIVE for a cluster overloaded outside the fault) is derived from it.
 *
 * @param resilienceNote how the resilience settings were handled ("applied", "recorded only")
 * @param counters the sync chain's resilience counters during the run, if the lab could read them
 * @param peakLag peak consumer lag, if the lab could measure it
 * @param rateBasis the rate used, the capacity it rests on and the machine
 * @param warmup the load sent before the run, not counted
 */
public record ExperimentResult(
    Experiment experiment,
    String runId,
    Instant startedAt,
    Instant finishedAt,
    Map<RunStyle, StyleStats> styles,
    List<FaultWindow> windows,
    List<String> skippedSteps,
    LedgerResult ledger,
    String resilienceNote,
    Optional<ResilienceCounters> counters,
    Optional<Long> peakLag,
    List<ExpectationResult> expectations,
    List<OrderRecord> orders,
    RateBasis rateBasis,
    Warmup warmup) {

  /** True when every expectation of the experiment file held (whatever the cluster's health). */
  public boolean passed() {
    return expectations.stream().allMatch(ExpectationResult::passed);
  }

  /** Whether the cluster was healthy outside the fault, computed from the order records. */
  public RunHealth health() {
    return HealthCheck.check(experiment, styles, windows, orders);
  }

  /** INCONCLUSIVE when the cluster was overloaded outside the fault, else PASS or FAIL. */
  public Verdict verdict() {
    if (health().overloaded()) {
      return Verdict.INCONCLUSIVE;
    }
    return passed() ? Verdict.PASS : Verdict.FAIL;
  }

  public Optional<StyleStats> style(RunStyle style) {
    return Optional.ofNullable(styles.get(style));
  }
}
