package dev.couplinglab.experiment.timeline;

import dev.couplinglab.experiment.model.FaultStep;
import java.time.Instant;

/**
 * When a fault step was actually in force: from the return of {@code apply} to the return of {@code
 * undo}, in nanoseconds after the load start (the clock of the order records) and as wall clock
 * instants. An instant fault (restart, poison) has a window as long as its apply call. {@code
 * error} is null, or why apply or undo failed. {@code applyCalledNanos} and {@code undoCalledNanos}
 * say when the commands were started (early by the driver's lead time), so a reader sees how long
 * each took.
 */
public record FaultWindow(
    FaultStep step,
    long startNanos,
    long endNanos,
    Instant startedAt,
    Instant endedAt,
    String detail,
    String error,
    long applyCalledNanos,
    long undoCalledNanos) {

  /** A window whose commands took no time (tests, instant drivers). */
  public FaultWindow(
      FaultStep step,
      long startNanos,
      long endNanos,
      Instant startedAt,
      Instant endedAt,
      String detail,
      String error) {
    this(step, startNanos, endNanos, startedAt, endedAt, detail, error, startNanos, endNanos);
  }

  public boolean covers(long nanos) {
    return nanos >= startNanos && nanos <= endNanos;
  }

  /** True when the window overlaps {@code [fromNanos, toNanos)}. */
  public boolean overlaps(long fromNanos, long toNanos) {
    return startNanos < toNanos && endNanos > fromNanos;
  }
}
