package dev.couplinglab.experiment.health;

import dev.couplinglab.experiment.model.RunStyle;
import java.util.Map;

/**
 * How one style did in one stretch of the run outside the fault, for the orders due in it: its
 * PlaceOrder errors and its p99 (sync: answer; async: end to end) against the bound.
 *
 * @param label which stretch: "whole run", "before the fault" or "after the fault"
 * @param fromNanos the stretch's start, nanoseconds after the load start (intended send times)
 * @param toNanos the stretch's end (exclusive)
 * @param sent orders due in the stretch
 * @param errorsByStatus failed PlaceOrder calls by gRPC status
 * @param p99Micros the p99 of the answered (sync) or final (async) orders, -1 when none
 * @param boundMicros the style's p99 bound
 * @param notFinal orders never answered, or (async) accepted with no outcome seen by the client
 */
public record WindowHealth(
    RunStyle style,
    String label,
    long fromNanos,
    long toNanos,
    long sent,
    Map<String, Long> errorsByStatus,
    long p99Micros,
    long boundMicros,
    long notFinal) {

  public long errors() {
    return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  public boolean healthy() {
    return errors() == 0 && notFinal == 0 && p99Micros <= boundMicros;
  }

  /** Bound / p99 when the p99 is over the bound, else 1. */
  public double latencyFactor() {
    return p99Micros > boundMicros && p99Micros > 0 ? (double) boundMicros / p99Micros : 1;
  }

  /** The share of orders that neither failed nor stayed without an outcome. */
  public double outcomeFactor() {
    return sent == 0 ? 1 : Math.max(0, 1 - (double) (errors() + notFinal) / sent);
  }

  /**
   * By how much the rate would have to shrink for this stretch to look healthy, estimated linearly:
   * the smaller of {@link #latencyFactor()} and {@link #outcomeFactor()}, 1 when healthy.
   */
  public double fitFactor() {
    return Math.min(latencyFactor(), outcomeFactor());
  }
}
