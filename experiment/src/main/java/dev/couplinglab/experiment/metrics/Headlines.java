package dev.couplinglab.experiment.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headline figures per style, as {@code lab metrics} prints them: from two scrapes of each
 * service, {@code seconds} apart. The styles' figures come from order-service (what its clients
 * got); each service adds its consumer lag and outbox backlog. A service whose scrape failed is
 * said to be down, not left out.
 */
public final class Headlines {

  /** Two scrapes of one service, or the reason it could not be scraped. */
  public record Window(Samples before, Samples after, String error) {

    public static Window of(Samples before, Samples after) {
      return new Window(before, after, null);
    }

    public static Window failed(String error) {
      return new Window(Samples.none(), Samples.none(), error);
    }
  }

  private Headlines() {}

  /**
   * @param windows by service name, order-service first
   */
  public static String render(Map<String, Window> windows, double seconds) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Over the last %.0f s (two scrapes of each service's /metrics):%n%n",
            seconds));
    Window order = windows.get("order-service");
    out.append(
        String.format(
            Locale.ROOT,
            "%-6s %10s %8s %12s %12s %16s  %s%n",
            "style",
            "answered/s",
            "failed",
            "answer p50",
            "answer p99",
            "completion p99",
            "failures"));
    for (String style : List.of("sync", "async")) {
      if (order == null || order.error() != null) {
        out.append(String.format(Locale.ROOT, "%-6s %s%n", style, "n/a: order-service down"));
        continue;
      }
      StyleFigures f = StyleFigures.between(style, order.before(), order.after(), seconds);
      out.append(
          String.format(
              Locale.ROOT,
              "%-6s %10.1f %7.1f%% %12s %12s %16s  %s%n",
              style,
              f.answeredPerSecond(),
              f.failedShare() * 100,
              ms(f.answerP50Seconds()),
              ms(f.answerP99Seconds()),
              ms(f.completionP99Seconds()),
              f.failedByCode().isEmpty() ? "none" : f.failedByCode().toString()));
    }
    out.append("\n(answer: what the client waited for, the sync chain or the async accept;")
        .append(" completion: creation to final state)\n\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-22s %12s %16s  %s%n",
            "service",
            "consumer lag",
            "outbox backlog",
            "status"));
    for (Map.Entry<String, Window> e : windows.entrySet()) {
      Window w = e.getValue();
      if (w.error() != null) {
        out.append(
            String.format(
                Locale.ROOT, "%-22s %12s %16s  down: %s%n", e.getKey(), "-", "-", w.error()));
        continue;
      }
      out.append(
          String.format(
              Locale.ROOT,
              "%-22s %12s %16s  up%n",
              e.getKey(),
              count(w.after(), "couplinglab_consumer_lag"),
              count(w.after(), "couplinglab_outbox_backlog")));
    }
    return out.toString();
  }

  private static String count(Samples samples, String name) {
    List<Samples.Sample> found = samples.of(name, s -> true);
    if (found.isEmpty()) {
      return "-";
    }
    double sum = found.stream().mapToDouble(Samples.Sample::value).sum();
    return sum < 0 ? "unknown" : String.format(Locale.ROOT, "%.0f", sum);
  }

  private static String ms(double seconds) {
    if (Double.isNaN(seconds)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, seconds < 0.01 ? "%.2f ms" : "%.1f ms", seconds * 1000);
  }
}
