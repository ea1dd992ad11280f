package dev.couplinglab.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the highest per-style arrival rate the system holds: steps up a ladder of rates (both
 * styles at that rate at once) until a step misses a limit twice in a row (a failed step is run
 * once more), and keeps the last passing step and the first failing one.
 *
 * <p>It runs on a warm cluster: {@link JitWarmUp} has loaded it at {@value #WARM_UP_RATE}/s per
 * style until the JIT settled (thread pools grown, heaps sized, the concurrent paths compiled).
 * Without that the first steps would measure start-up, not the system; {@link ColdRun} measures
 * start-up on purpose.
 */
final class RateSearch {

  /** What a step must stay below to pass (the issue's: sync p99 50 ms, async e2e p99 250 ms). */
  record Limits(double syncP99Micros, double asyncEndToEndP99Micros) {
    static final Limits DEFAULT = new Limits(50_000, 250_000);
  }

  /** The last passing step (if any), the first failing one (if any) and why it failed. */
  record Result(
      Optional<LoadStep.Result> bestPassing,
      Optional<LoadStep.Result> firstFailing,
      String failure,
      List<LoadStep.Result> steps) {}

  /** The rate per style of the JIT warm-up before the search. */
  static final int WARM_UP_RATE = 200;

  private RateSearch() {}

  static Result run(
      OrderClient client,
      List<Integer> rates,
      Limits limits,
      Duration step,
      List<ChildJvm> processes,
      PrintStream progress) {
    List<LoadStep.Result> steps = new ArrayList<>();
    progress.printf("  load steps from %s (UTC; for JfrProfile --from)%n", Instant.now());
    try {
      return climb(client, rates, limits, step, processes, progress, steps);
    } finally {
      progress.printf("  load steps until %s (UTC; for JfrProfile --to)%n", Instant.now());
    }
  }

  private static Result climb(
      OrderClient client,
      List<Integer> rates,
      Limits limits,
      Duration step,
      List<ChildJvm> processes,
      PrintStream progress,
      List<LoadStep.Result> steps) {
    LoadStep.Result best = null;
    for (int rate : rates) {
      LoadStep.Result result = step(client, rate, step, processes, steps, progress);
      String failure = failure(result, limits);
      if (!failure.isEmpty()) {
        // On a shared machine a neighbour's burst can fail one step: a failure must repeat.
        progress.printf("         (failed: %s) once more to confirm...%n", failure);
        result = step(client, rate, step, processes, steps, progress);
        failure = failure(result, limits);
      }
      if (!failure.isEmpty()) {
        progress.printf("         FAIL: %s%n", failure);
        return new Result(Optional.ofNullable(best), Optional.of(result), failure, steps);
      }
      best = result;
    }
    return new Result(Optional.ofNullable(best), Optional.empty(), "", steps);
  }

  private static LoadStep.Result step(
      OrderClient client,
      int rate,
      Duration step,
      List<ChildJvm> processes,
      List<LoadStep.Result> steps,
      PrintStream progress) {
    LoadStep.Result result = LoadStep.run(client, rate, step, processes);
    steps.add(result);
    progress.printf(
        "  %5d/s per style: sync %s | async e2e %s | errors %d%n",
        rate, result.sync().describe(), result.asyncEndToEnd().describe(), result.errorCount());
    return result;
  }

  /** Empty when the step passed; otherwise every limit it missed. */
  static String failure(LoadStep.Result step, Limits limits) {
    List<String> missed = new ArrayList<>();
    if (step.errorCount() > 0) {
      missed.add("errors " + step.errors());
    }
    if (step.sync().count() == 0 || step.sync().p99() >= limits.syncP99Micros()) {
      missed.add(
          "sync p99 "
              + ResultTable.ms(step.sync().p99())
              + " >= "
              + ResultTable.ms(limits.syncP99Micros()));
    }
    if (step.asyncEndToEnd().count() == 0
        || step.asyncEndToEnd().p99() >= limits.asyncEndToEndP99Micros()) {
      missed.add(
          "async e2e p99 "
              + ResultTable.ms(step.asyncEndToEnd().p99())
              + " >= "
              + ResultTable.ms(limits.asyncEndToEndP99Micros()));
    }
    return String.join("; ", missed);
  }
}
