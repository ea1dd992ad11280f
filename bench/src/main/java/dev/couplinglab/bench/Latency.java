package dev.couplinglab.bench;

import org.HdrHistogram.Histogram;

/** A latency distribution in microseconds: count, p50, p99, p99.9 and max. */
record Latency(long count, double p50, double p99, double p999, double max) {

  /** Up to one hour, three significant digits, recorded in nanoseconds. */
  static Histogram histogram() {
    return new Histogram(3_600_000_000_000L, 3);
  }

  static Latency of(Histogram nanos) {
    return new Latency(
        nanos.getTotalCount(),
        micros(nanos.getValueAtPercentile(50)),
        micros(nanos.getValueAtPercentile(99)),
        micros(nanos.getValueAtPercentile(99.9)),
        micros(nanos.getMaxValue()));
  }

  /** Records {@code nanos}, clamped to at least 1 and at most the histogram's range. */
  static void record(Histogram histogram, long nanos) {
    histogram.recordValue(Math.max(1, Math.min(nanos, histogram.getHighestTrackableValue())));
  }

  private static double micros(long nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }

  /** "p50 0.41 ms, p99 1.20 ms, p99.9 3.10 ms (n=5000)". */
  String describe() {
    return String.format(
        "p50 %s, p99 %s, p99.9 %s (n=%d)",
        ResultTable.ms(p50), ResultTable.ms(p99), ResultTable.ms(p999), count);
  }
}
