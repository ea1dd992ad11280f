package dev.couplinglab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The figures the issue "Fast from the first minute on the machine users have" sets targets for
 * (this 2-core machine, everything co-located), each with its value, limit and whether it is met. A
 * figure the run did not produce (a part left out with {@code --only}, a cold rate not run) has the
 * value NaN and is not met.
 */
final class Targets {

  /** One target; {@code value} is NaN when the run did not produce the figure. */
  record Target(String key, String name, double value, String unit, String limit, boolean met) {}

  /** The cold rate the issue sets its first-minute targets at. */
  static final int COLD_RATE = 200;

  private static final double MIB = 1024.0 * 1024;

  private Targets() {}

  static List<Target> of(BenchResult r) {
    List<Target> targets = new ArrayList<>();
    double rate = r.loaded().bestPassing().map(s -> (double) s.ratePerStyle()).orElse(Double.NaN);
    targets.add(
        new Target(
            "ordersPerSecondPerStyle",
            "warm: orders/s per style (both at once)",
            rate,
            "/s",
            ">= 1000",
            rate >= 1000));
    LoadStep.Result step = r.measuredStep();
    double systemSeconds =
        step.cpuSeconds().entrySet().stream()
            .filter(e -> !e.getKey().equals(CpuTime.CLIENT))
            .mapToDouble(e -> e.getValue())
            .sum();
    targets.add(
        atMost(
            "cpuMicrosPerOrder",
            "warm: CPU per order, services + broker (" + step.ratePerStyle() + "/s)",
            step.cpuMicrosPerOrder(systemSeconds),
            "us",
            700));
    Optional<ColdRun.Result> cold =
        r.cold().rates().stream().filter(c -> c.ratePerStyle() == COLD_RATE).findFirst();
    double coldErrors = cold.map(c -> (double) c.step().errorCount()).orElse(Double.NaN);
    targets.add(
        atMost(
            "coldErrors", "cold: errors, first minute at " + COLD_RATE + "/s", coldErrors, "", 0));
    double coldSyncP99 = cold.map(c -> c.step().sync().p99() / 1000.0).orElse(Double.NaN);
    targets.add(
        new Target(
            "coldSyncP99Ms",
            "cold: sync p99, first minute at " + COLD_RATE + "/s",
            coldSyncP99,
            "ms",
            "< 250",
            coldSyncP99 < 250));
    targets.add(
        atMost("startToHealthySeconds", "start to healthy", r.startToHealthySeconds(), "s", 8));
    CompositeFloor floor = r.compositeFloor();
    targets.add(
        atMost(
            "syncP50OverCompositeFloor",
            "unloaded sync p50 / composite floor",
            r.unloaded().sync().p50() / floor.syncMicros(),
            "x",
            1.5));
    targets.add(
        atMost(
            "asyncE2eP50OverCompositeFloor",
            "unloaded async e2e p50 / composite floor",
            r.unloaded().asyncEndToEnd().p50() / floor.asyncEndToEndMicros(),
            "x",
            1.5));
    double rss = BenchResult.total(r.rssUnderLoad()) / MIB;
    String at = r.rssUnderLoadRate() + "/s";
    targets.add(
        new Target(
            "totalRssMiB", "total RSS under load (" + at + ")", rss, "MiB", "< 1024", rss < 1024));
    return targets;
  }

  private static Target atMost(String key, String name, double value, String unit, double limit) {
    String shown = limit == Math.rint(limit) ? String.valueOf((long) limit) : String.valueOf(limit);
    return new Target(key, name, value, unit, "<= " + shown, value <= limit);
  }
}
