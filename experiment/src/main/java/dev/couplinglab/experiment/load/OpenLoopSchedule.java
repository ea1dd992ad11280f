package dev.couplinglab.experiment.load;

import java.time.Duration;

/**
 * When each request of an open-loop load is meant to be sent: request {@code i} at {@code i / rate}
 * seconds after the start, whatever happened to earlier requests. Latency is measured from that
 * intended time, so a stall shows as latency rather than as fewer requests (no coordinated
 * omission).
 */
public final class OpenLoopSchedule {

  private static final double NANOS_PER_SECOND = 1e9;

  private final double rate;
  private final long durationNanos;
  private final int count;

  public OpenLoopSchedule(double rate, Duration duration) {
    if (!(rate > 0)) {
      throw new IllegalArgumentException("rate must be positive, was " + rate);
    }
    this.rate = rate;
    this.durationNanos = duration.toNanos();
    long n = 0;
    // The requests whose intended time falls inside [0, duration).
    n = (long) Math.ceil(durationNanos * rate / NANOS_PER_SECOND);
    while (n > 0 && intendedNanos(n - 1) >= durationNanos) {
      n--;
    }
    while (intendedNanos(n) < durationNanos) {
      n++;
    }
    this.count = Math.toIntExact(n);
  }

  /** How many requests the load sends in all. */
  public int count() {
    return count;
  }

  /** The intended send time of request {@code i}, in nanoseconds after the start. */
  public long intendedNanos(long i) {
    return Math.round(i * NANOS_PER_SECOND / rate);
  }

  /** How many requests are due at {@code elapsedNanos} after the start (those with time <= it). */
  public int dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    long n = (long) Math.floor(elapsedNanos * rate / NANOS_PER_SECOND) + 1;
    while (n > 0 && intendedNanos(n - 1) > elapsedNanos) {
      n--;
    }
    while (n < count && intendedNanos(n) <= elapsedNanos) {
      n++;
    }
    return (int) Math.min(n, count);
  }

  public long durationNanos() {
    return durationNanos;
  }
}
