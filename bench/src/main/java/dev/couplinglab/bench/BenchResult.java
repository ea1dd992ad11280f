package dev.couplinglab.bench;

import java.util.List;
import java.util.Map;

/**
 * Every figure of one run: the cold clusters' first minute, then, on a cluster warmed until the JIT
 * settled, the floors, the unloaded runs, the load steps, memory and CPU.
 *
 * @param cold the first start, then each cold rate's first load, each on a freshly started cluster
 * @param rssAtRest resident bytes per process after start-up, before any traffic
 * @param tracing the tracing rows (null until run)
 * @param overload the overload rows (empty until run)
 * @param rssUnderLoad peak resident bytes per process during the best passing load step, or the
 *     first failing one when no step passed
 */
record BenchResult(
    String mode,
    Machine before,
    Machine after,
    ColdRun.Cold cold,
    JitWarmUp.Result warmUp,
    Latency grpcFloor,
    Latency kafkaFloor,
    Latency commitFloor,
    UnloadedRun.Result unloaded,
    RateSearch.Limits limits,
    RateSearch.Result loaded,
    Map<String, Long> rssAtRest,
    Map<String, Long> rssUnderLoad,
    int rssUnderLoadRate,
    double startToHealthySeconds,
    Map<String, Double> healthySeconds,
    TracingRows.Result tracing,
    List<OverloadRun.Result> overload) {

  /** The same run with its tracing and overload rows (run after the warm cluster stopped). */
  BenchResult with(Machine end, TracingRows.Result tracingRows, List<OverloadRun.Result> rows) {
    return new BenchResult(
        mode,
        before,
        end,
        cold,
        warmUp,
        grpcFloor,
        kafkaFloor,
        commitFloor,
        unloaded,
        limits,
        loaded,
        rssAtRest,
        rssUnderLoad,
        rssUnderLoadRate,
        startToHealthySeconds,
        healthySeconds,
        tracingRows,
        rows);
  }

  /** The chains' floors from this run's three bare floors. */
  CompositeFloor compositeFloor() {
    return CompositeFloor.of(grpcFloor, kafkaFloor, commitFloor);
  }

  /** The step whose memory and CPU are reported: the best passing one, else the first failing. */
  LoadStep.Result measuredStep() {
    return loaded.bestPassing().or(loaded::firstFailing).orElseThrow();
  }

  static long total(Map<String, Long> rss) {
    return rss.values().stream().mapToLong(Long::longValue).sum();
  }
}
