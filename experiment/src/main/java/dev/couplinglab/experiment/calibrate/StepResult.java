package dev.couplinglab.experiment.calibrate;

import dev.couplinglab.experiment.load.LatencySummary;
import dev.couplinglab.experiment.load.StyleStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one calibration step saw, both styles at {@code rate} orders/s each at once.
 *
 * @param errors failed PlaceOrder calls of both styles, by gRPC status
 * @param rejected orders REJECTED (out of stock: the step no longer measures the normal path)
 * @param asyncNotFinal accepted async orders whose outcome did not arrive in time
 * @param syncAnswer the sync PlaceOrder answer latency
 * @param asyncEndToEnd the async latency from the intended send to the final outcome
 */
public record StepResult(
    double rate,
    long sentPerStyle,
    Map<String, Long> errors,
    long rejected,
    long asyncNotFinal,
    LatencySummary syncAnswer,
    LatencySummary asyncEndToEnd) {

  public StepResult {
    errors = Map.copyOf(errors);
  }

  /** The step from the two styles' aggregated stats. */
  public static StepResult of(double rate, StyleStats sync, StyleStats async) {
    Map<String, Long> errors = new TreeMap<>(sync.errorsByStatus());
    async.errorsByStatus().forEach((code, n) -> errors.merge(code, n, Long::sum));
    return new StepResult(
        rate,
        Math.min(sync.sent(), async.sent()),
        errors,
        sync.rejected() + async.rejected(),
        async.notFinal(),
        sync.accept(),
        async.endToEnd());
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Empty when the step passed; otherwise every bound it missed, {@code "; "}-separated. */
  public String failure(Bounds bounds) {
    List<String> missed = new ArrayList<>();
    if (errorCount() > 0) {
      missed.add("PlaceOrder errors " + errors);
    }
    if (rejected > 0) {
      missed.add(rejected + " rejected (stock ran out? pass another --sku)");
    }
    if (asyncNotFinal > 0) {
      missed.add(asyncNotFinal + " async orders without an outcome");
    }
    if (above(syncAnswer, bounds.syncP99().toNanos() / 1000)) {
      missed.add("sync p99 " + ms(syncAnswer.p99Micros()) + " > " + ms(bounds.syncP99()));
    }
    if (above(asyncEndToEnd, bounds.asyncEndToEndP99().toNanos() / 1000)) {
      missed.add(
          "async end-to-end p99 "
              + ms(asyncEndToEnd.p99Micros())
              + " > "
              + ms(bounds.asyncEndToEndP99()));
    }
    return String.join("; ", missed);
  }

  public boolean passed(Bounds bounds) {
    return failure(bounds).isEmpty();
  }

  private static boolean above(LatencySummary latency, long boundMicros) {
    return latency.isEmpty() || latency.p99Micros() > boundMicros;
  }

  static String ms(long micros) {
    return micros < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f ms", micros / 1000.0);
  }

  private static String ms(Duration d) {
    return ms(d.toNanos() / 1000);
  }
}
