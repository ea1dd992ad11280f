package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.load.LatencySummary;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Number formats shared by the report's text and tables. */
final class Fmt {

  private Fmt() {}

  /** {@code 12.3 ms}, or {@code n/a} for -1. */
  static String ms(long micros) {
    if (micros < 0) {
      return "n/a";
    }
    double ms = micros / 1000.0;
    return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : ms < 1000 ? "%.1f ms" : "%.0f ms", ms);
  }

  /** {@code p50 / p99 / max}. */
  static String triple(LatencySummary s) {
    return s.isEmpty()
        ? "n/a"
        : ms(s.p50Micros()) + " / " + ms(s.p99Micros()) + " / " + ms(s.maxMicros());
  }

  static String percent(long part, long whole) {
    return whole == 0 ? "0.0%" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  /** {@code UNAVAILABLE 12, DEADLINE_EXCEEDED 3}, or {@code none}. */
  static String counts(Map<String, Long> counts) {
    return counts.isEmpty()
        ? "none"
        : counts.entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
  }

  /** A rate per second: {@code 50}, or {@code 12.5}. */
  static String rate(double rate) {
    return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
