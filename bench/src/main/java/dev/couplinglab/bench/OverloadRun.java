package dev.couplinglab.bench;

import dev.couplinglab.experiment.load.LoadGenerator;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * Overload with load shedding on and off: on a fresh cluster per setting of {@code
 * GRPC_QUEUE_LIMIT_MS} (warmed alike, {@link WarmedCluster}), both styles at a rate well past
 * capacity, then at once back down to the warm-up rate. The clients' deadline ({@link #DEADLINE})
 * is longer than the queue limit, so a call the server would shed is shed before its client gives
 * up. What each client saw of the overload (shares of OK, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED,
 * other; the answers' p50/p99 from the intended send time), and how long after the drop the answers
 * were back within the load steps' sync bound (see {@link Recovery}).
 */
final class OverloadRun {

  /** The clients' deadline on each PlaceOrder of the overload and the recovery after it. */
  static final Duration DEADLINE = Duration.ofSeconds(2);

  /** One setting of the services' queue limit. */
  record Shedding(String name, int queueLimitMs) {}

  static final List<Shedding> SETTINGS =
      List.of(new Shedding("shedding on (1000 ms)", 1000), new Shedding("shedding off", 0));

  /**
   * One style under one setting: the overload's orders by outcome, the latency of every answer
   * (errors included, client-side refusals left out) and of the OK ones, and the seconds from the
   * drop until recovered (NaN: not within the recovery window).
   */
  record StyleRow(
      RunStyle style,
      long orders,
      long ok,
      long exhausted,
      long deadlineExceeded,
      long other,
      Latency answers,
      Latency okAnswers,
      double recoveredSeconds) {

    double share(long count) {
      return orders == 0 ? Double.NaN : 100.0 * count / orders;
    }
  }

  record Result(
      Shedding shedding,
      int overloadRate,
      double overloadSeconds,
      int recoveryRate,
      double recoveryWindowSeconds,
      List<StyleRow> styles) {}

  private OverloadRun() {}

  static List<Result> run(
      Path home,
      Path work,
      int overloadRate,
      Duration overload,
      Duration recovery,
      Duration warmUpCap,
      double boundMicros,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    progress.printf(
        "OVERLOAD: %d/s per style for %d s, then %d/s for %d s, shedding on and off...%n",
        overloadRate, overload.toSeconds(), RateSearch.WARM_UP_RATE, recovery.toSeconds());
    List<Result> results = new ArrayList<>();
    int n = 0;
    for (Shedding shedding : SETTINGS) {
      progress.printf("  %s:%n", shedding.name());
      Result result =
          WarmedCluster.run(
              home,
              work.resolve("overload-" + ++n),
              Map.of("GRPC_QUEUE_LIMIT_MS", Integer.toString(shedding.queueLimitMs())),
              warmUpCap,
              running,
              progress,
              (client, cluster) ->
                  measure(client, shedding, overloadRate, overload, recovery, boundMicros));
      for (StyleRow row : result.styles()) {
        progress.printf(
            "  %s %s: OK %.1f%%, RESOURCE_EXHAUSTED %.1f%%, DEADLINE_EXCEEDED %.1f%%, answers %s,"
                + " recovered %s%n",
            shedding.name(),
            row.style().text(),
            row.share(row.ok()),
            row.share(row.exhausted()),
            row.share(row.deadlineExceeded()),
            row.answers().describe(),
            OverloadTable.recovered(row.recoveredSeconds(), result.recoveryWindowSeconds()));
      }
      results.add(result);
    }
    return results;
  }

  private static Result measure(
      OrderClient client,
      Shedding shedding,
      int overloadRate,
      Duration overload,
      Duration recovery,
      double boundMicros) {
    List<RunStyle> styles = List.of(RunStyle.SYNC, RunStyle.ASYNC);
    LoadGenerator.Options options =
        LoadGenerator.Options.unfollowed(Integer.MAX_VALUE, client::newRequest);
    String id = "overload-" + ProcessHandle.current().pid() + "-" + shedding.queueLimitMs();
    List<StyleRow> rows = new ArrayList<>();
    try (LoadGenerator over =
            new LoadGenerator(
                client.orderChannel(),
                new LoadSpec(overloadRate, overload, styles, "", 1, DEADLINE),
                id + "-over",
                options);
        LoadGenerator after =
            new LoadGenerator(
                client.orderChannel(),
                new LoadSpec(RateSearch.WARM_UP_RATE, recovery, styles, "", 1, DEADLINE),
                id + "-after",
                options)) {
      long start = System.nanoTime() + 10_000_000;
      over.start(start);
      after.start(start + overload.toNanos());
      awaitSent(over);
      awaitSent(after);
      over.awaitAnswers(DEADLINE.multipliedBy(2));
      after.awaitAnswers(DEADLINE.multipliedBy(2));
      for (RunStyle style : styles) {
        double recovered = Recovery.seconds(after.records(style), recovery, boundMicros);
        rows.add(row(style, over.records(style), recovered));
      }
    }
    return new Result(
        shedding,
        overloadRate,
        overload.toMillis() / 1000.0,
        RateSearch.WARM_UP_RATE,
        recovery.toMillis() / 1000.0,
        rows);
  }

  private static void awaitSent(LoadGenerator load) {
    try {
      load.awaitSent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }

  static StyleRow row(RunStyle style, List<OrderRecord> records, double recoveredSeconds) {
    Histogram all = Latency.histogram();
    Histogram ok = Latency.histogram();
    long okCount = 0;
    long exhausted = 0;
    long deadline = 0;
    long other = 0;
    for (OrderRecord r : records) {
      String code = r.errorCode();
      if (r.accepted()) {
        okCount++;
        Latency.record(ok, r.acceptLatencyNanos());
      } else if ("RESOURCE_EXHAUSTED".equals(code)) {
        exhausted++;
      } else if ("DEADLINE_EXCEEDED".equals(code)) {
        deadline++;
      } else {
        other++;
      }
      if (r.answeredNanos() >= 0 && !LoadGenerator.CLIENT_OVERLOADED.equals(code)) {
        Latency.record(all, r.acceptLatencyNanos());
      }
    }
    return new StyleRow(
        style,
        records.size(),
        okCount,
        exhausted,
        deadline,
        other,
        Latency.of(all),
        Latency.of(ok),
        recoveredSeconds);
  }
}
