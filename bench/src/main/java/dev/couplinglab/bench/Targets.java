package dev.couplinglab.bench;

import java.util.ArrayList;
import java.util.List;

/** The figures the issue sets targets for, each with its value, limit and whether it is met. */
final class Targets {

  /** One target; {@code value} is NaN when the run did not produce the figure. */
  record Target(String key, String name, double value, String unit, String limit, boolean met) {}

  private static final double MIB = 1024.0 * 1024;

  private Targets() {}

  static List<Target> of(BenchResult r) {
    List<Target> targets = new ArrayList<>();
    double syncRatio = r.unloaded().sync().p50() / r.grpcFloor().p50();
    targets.add(atMost("syncP50OverGrpcP50", "sync p50 / gRPC floor p50", syncRatio, "x", 4));
    double e2eRatio = r.unloaded().asyncEndToEnd().p50() / r.kafkaFloor().p50();
    targets.add(
        atMost("asyncE2eP50OverKafkaP50", "async e2e p50 / Kafka floor p50", e2eRatio, "x", 4));
    double acceptRatio = r.unloaded().asyncAccept().p50() / r.grpcFloor().p50();
    targets.add(
        atMost(
            "asyncAcceptP50OverGrpcP50",
            "async accept p50 / gRPC floor p50",
            acceptRatio,
            "x",
            1.5));
    double rate = r.loaded().bestPassing().map(s -> (double) s.ratePerStyle()).orElse(Double.NaN);
    targets.add(
        new Target(
            "ordersPerSecondPerStyle",
            "orders/s per style (both at once)",
            rate,
            "/s",
            ">= 2000",
            rate >= 2000));
    double rss = BenchResult.total(r.rssUnderLoad()) / MIB;
    String at = r.rssUnderLoadRate() + "/s";
    targets.add(
        new Target(
            "totalRssMiB", "total RSS under load (" + at + ")", rss, "MiB", "< 1024", rss < 1024));
    targets.add(
        new Target(
            "startToHealthySeconds",
            "start to healthy",
            r.startToHealthySeconds(),
            "s",
            "< 10",
            r.startToHealthySeconds() < 10));
    return targets;
  }

  private static Target atMost(String key, String name, double value, String unit, double limit) {
    return new Target(key, name, value, unit, "<= " + limit, value <= limit);
  }
}
