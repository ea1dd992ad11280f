package dev.couplinglab.experiment.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/** Percentiles of one latency histogram, in microseconds; all -1 when nothing was recorded. */
public record LatencySummary(long count, long p50Micros, long p99Micros, long maxMicros) {

  /** Up to one hour at three significant digits. */
  public static Histogram newHistogram() {
    return new Histogram(TimeUnit.HOURS.toMicros(1), 3);
  }

  public static void record(Histogram h, long nanos) {
    h.recordValue(Math.min(Math.max(0, nanos / 1000), h.getHighestTrackableValue()));
  }

  public static LatencySummary of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new LatencySummary(0, -1, -1, -1);
    }
    return new LatencySummary(
        h.getTotalCount(), h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue());
  }

  public boolean isEmpty() {
    return count == 0;
  }
}
