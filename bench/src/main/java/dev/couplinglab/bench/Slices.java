package dev.couplinglab.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A load step's figures by slices of its send times (its first 10 s, the next 10 s, ...), to show
 * how a cold cluster's first minute evolves. Each order counts in the slice of its intended send
 * time, so an order sent late in a slice and answered in the next still belongs to the first.
 */
final class Slices {

  /** One slice: sync and async end-to-end latency and the errors of the orders meant for it. */
  record Slice(
      double fromSeconds,
      double toSeconds,
      Latency sync,
      Latency asyncEndToEnd,
      Map<String, Long> errors) {}

  private final long sliceNanos;
  private final long stepNanos;
  private final List<Histogram> sync = new ArrayList<>();
  private final List<Histogram> endToEnd = new ArrayList<>();
  private final List<Map<String, Long>> errors = new ArrayList<>();

  /** Slices of {@code slice} over a step of {@code step}; none when {@code slice} is zero. */
  Slices(Duration step, Duration slice) {
    this.sliceNanos = slice.toNanos();
    this.stepNanos = step.toNanos();
    long count = sliceNanos == 0 ? 0 : (stepNanos + sliceNanos - 1) / sliceNanos;
    for (long i = 0; i < count; i++) {
      sync.add(Latency.histogram());
      endToEnd.add(Latency.histogram());
      errors.add(new TreeMap<>());
    }
  }

  /** {@code offsetNanos} is the intended send time from the step's start. */
  void sync(long offsetNanos, long nanos) {
    int i = index(offsetNanos);
    if (i >= 0) {
      synchronized (sync.get(i)) {
        Latency.record(sync.get(i), nanos);
      }
    }
  }

  void endToEnd(long offsetNanos, long nanos) {
    int i = index(offsetNanos);
    if (i >= 0) {
      synchronized (endToEnd.get(i)) {
        Latency.record(endToEnd.get(i), nanos);
      }
    }
  }

  synchronized void error(long offsetNanos, String kind) {
    int i = index(offsetNanos);
    if (i >= 0) {
      errors.get(i).merge(kind, 1L, Long::sum);
    }
  }

  synchronized List<Slice> result() {
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i < sync.size(); i++) {
      slices.add(
          new Slice(
              i * sliceNanos / 1e9,
              Math.min((i + 1) * sliceNanos, stepNanos) / 1e9,
              Latency.of(sync.get(i)),
              Latency.of(endToEnd.get(i)),
              Map.copyOf(errors.get(i))));
    }
    return slices;
  }

  private int index(long offsetNanos) {
    if (sync.isEmpty()) {
      return -1;
    }
    return (int) Math.max(0, Math.min(sync.size() - 1, offsetNanos / sliceNanos));
  }
}
