package dev.couplinglab.experiment.load;

import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.model.RatePhase;
import java.time.Duration;
import java.util.List;

/**
 * When each request of an open-loop load is meant to be sent: at a constant rate, request {@code i}
 * at {@code i / rate} seconds after the start, whatever happened to earlier requests. With phases
 * the rate steps at each phase's start and the requests keep counting: the send times follow from
 * the schedule alone, never from answers. Latency is measured from that intended time, so a stall
 * shows as latency rather than as fewer requests (no coordinated omission).
 */
public final class OpenLoopSchedule {

  private static final double NANOS_PER_SECOND = 1e9;

  /** Each phase's start (ns), rate (per second), and the requests due before it (fractional). */
  private final long[] starts;

  private final double[] rates;
  private final double[] before;
  private final long durationNanos;
  private final int count;

  public OpenLoopSchedule(double rate, Duration duration) {
    this(new long[] {0}, new double[] {rate}, duration);
  }

  /**
   * The schedule of {@code rate} (fixed, or phases of fixed rates); the last phase lasts to the
   * end.
   *
   * @throws IllegalArgumentException when a share of capacity is still unresolved
   */
  public static OpenLoopSchedule of(Rate rate, Duration duration) {
    if (rate.needsCapacity()) {
      throw new IllegalArgumentException("resolve the share of capacity first: " + rate.text());
    }
    List<RatePhase> phases = rate.phases();
    long[] starts = new long[phases.size()];
    double[] rates = new double[phases.size()];
    for (int i = 0; i < phases.size(); i++) {
      starts[i] = phases.get(i).at().toNanos();
      rates[i] = phases.get(i).rate().resolve(Double.NaN);
    }
    return new OpenLoopSchedule(starts, rates, duration);
  }

  private OpenLoopSchedule(long[] starts, double[] rates, Duration duration) {
    for (double rate : rates) {
      if (!(rate > 0)) {
        throw new IllegalArgumentException("rate must be positive, was " + rate);
      }
    }
    this.starts = starts;
    this.rates = rates;
    this.before = new double[starts.length];
    for (int k = 1; k < starts.length; k++) {
      before[k] = before[k - 1] + (starts[k] - starts[k - 1]) * rates[k - 1] / NANOS_PER_SECOND;
    }
    this.durationNanos = duration.toNanos();
    // The requests whose intended time falls inside [0, duration).
    long n = (long) Math.ceil(dueAt(durationNanos));
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
    int k = starts.length - 1;
    while (k > 0 && before[k] > i) {
      k--;
    }
    return starts[k] + Math.round((i - before[k]) * NANOS_PER_SECOND / rates[k]);
  }

  /** How many requests are due at {@code elapsedNanos} after the start (those with time <= it). */
  public int dueBy(long elapsedNanos) {
    if (elapsedNanos < 0) {
      return 0;
    }
    long n = (long) Math.floor(dueAt(elapsedNanos)) + 1;
    while (n > 0 && intendedNanos(n - 1) > elapsedNanos) {
      n--;
    }
    while (n < count && intendedNanos(n) <= elapsedNanos) {
      n++;
    }
    return (int) Math.min(n, count);
  }

  /** The offered rate at {@code nanos} after the start, per second. */
  public double rateAt(long nanos) {
    return rates[phaseAt(nanos)];
  }

  public long durationNanos() {
    return durationNanos;
  }

  /** Requests due by {@code nanos}, as a real number (the integral of the rate). */
  private double dueAt(long nanos) {
    int k = phaseAt(nanos);
    return before[k] + (nanos - starts[k]) * rates[k] / NANOS_PER_SECOND;
  }

  private int phaseAt(long nanos) {
    int k = starts.length - 1;
    while (k > 0 && starts[k] > nanos) {
      k--;
    }
    return k;
  }
}
