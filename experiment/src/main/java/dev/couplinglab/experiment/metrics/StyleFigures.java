package dev.couplinglab.experiment.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One style's headline figures over a window between two scrapes of order-service: the PlaceOrder
 * calls answered per second, the share that failed, p50 and p99 of what the client waited for (the
 * sync answer, the async accept), and p99 from PlaceOrder to the final state. Quantiles are read
 * from the histogram's buckets as Prometheus's {@code histogram_quantile} does: linear within the
 * bucket the rank falls in.
 */
public record StyleFigures(
    String style,
    double answeredPerSecond,
    double failedShare,
    Map<String, Long> failedByCode,
    double answerP50Seconds,
    double answerP99Seconds,
    double completionP99Seconds) {

  public static final String ANSWER = "couplinglab_order_answer_seconds";
  public static final String COMPLETION = "couplinglab_order_completion_seconds";

  /** The figures of {@code style} from {@code before} to {@code after}, {@code seconds} apart. */
  public static StyleFigures between(String style, Samples before, Samples after, double seconds) {
    double answered = delta(before, after, ANSWER + "_count", style, null);
    Map<String, Long> failed = new TreeMap<>();
    for (Samples.Sample s : after.of(ANSWER + "_count", x -> x.label("style").equals(style))) {
      String code = s.label("code");
      if (!code.equals("OK")) {
        long n = Math.round(delta(before, after, ANSWER + "_count", style, code));
        if (n > 0) {
          failed.put(code, n);
        }
      }
    }
    double failedCount = failed.values().stream().mapToLong(Long::longValue).sum();
    return new StyleFigures(
        style,
        answered / seconds,
        answered == 0 ? 0 : failedCount / answered,
        failed,
        quantile(0.5, buckets(before, after, ANSWER, style, "OK")),
        quantile(0.99, buckets(before, after, ANSWER, style, "OK")),
        quantile(0.99, buckets(before, after, COMPLETION, style, null)));
  }

  private static double delta(
      Samples before, Samples after, String name, String style, String code) {
    return after.sum(name, s -> matches(s, style, code))
        - before.sum(name, s -> matches(s, style, code));
  }

  private static boolean matches(Samples.Sample s, String style, String code) {
    return s.label("style").equals(style) && (code == null || s.label("code").equals(code));
  }

  /** Cumulative bucket counts over the window, by upper bound, ascending. */
  private static List<double[]> buckets(
      Samples before, Samples after, String histogram, String style, String code) {
    Map<Double, Double> counts = new TreeMap<>();
    for (Samples.Sample s : after.of(histogram + "_bucket", x -> matches(x, style, code))) {
      counts.merge(Double.parseDouble(le(s)), s.value(), Double::sum);
    }
    for (Samples.Sample s : before.of(histogram + "_bucket", x -> matches(x, style, code))) {
      counts.merge(Double.parseDouble(le(s)), -s.value(), Double::sum);
    }
    List<double[]> out = new ArrayList<>();
    counts.forEach((le, n) -> out.add(new double[] {le, n}));
    return out;
  }

  private static String le(Samples.Sample s) {
    String le = s.label("le");
    return le.equals("+Inf") ? "Infinity" : le;
  }

  /** As {@code histogram_quantile}: NaN with no observations. */
  static double quantile(double q, List<double[]> cumulative) {
    if (cumulative.isEmpty()) {
      return Double.NaN;
    }
    double total = cumulative.get(cumulative.size() - 1)[1];
    if (total <= 0) {
      return Double.NaN;
    }
    double rank = q * total;
    double lowerBound = 0;
    double lowerCount = 0;
    for (double[] b : cumulative) {
      if (b[1] >= rank) {
        if (Double.isInfinite(b[0])) {
          return lowerBound;
        }
        double inBucket = b[1] - lowerCount;
        return inBucket <= 0
            ? b[0]
            : lowerBound + (b[0] - lowerBound) * (rank - lowerCount) / inBucket;
      }
      lowerBound = b[0];
      lowerCount = b[1];
    }
    return lowerBound;
  }
}
