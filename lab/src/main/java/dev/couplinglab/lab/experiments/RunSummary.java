package dev.couplinglab.lab.experiments;

import dev.couplinglab.experiment.ExpectationResult;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.health.RunHealth;
import dev.couplinglab.experiment.load.LatencySummary;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The few lines printed after a run; the report folder has the rest. */
public final class RunSummary {

  private RunSummary() {}

  /**
   * {@code 15/s per style (30% from the experiment file; capacity 50/s)}; phases: {@code 15/s from
   * 0s, 100/s from 20s (planned overload) per style (...)}.
   */
  public static String rate(RateBasis b) {
    String capacity =
        b.capacityPerStyle().isPresent()
            ? "; capacity " + plain(b.capacityPerStyle().getAsDouble()) + "/s"
            : "; capacity not measured";
    String at =
        b.rate() instanceof Rate.Phased phased
            ? phased.text() + " per style"
            : plain(b.ratePerStyle()) + "/s per style";
    return at + " (" + b.rateText() + capacity + ")";
  }

  private static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  /** Per style: sent, answered, errors by status, accept and end-to-end p50/p99. */
  public static void styles(ExperimentResult result, PrintWriter out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(
        new String[] {"STYLE", "SENT", "OK", "ERRORS", "ACCEPT p50/p99", "END-TO-END p50/p99"});
    for (StyleStats s : result.styles().values()) {
      rows.add(
          new String[] {
            s.style().text(),
            Long.toString(s.sent()),
            Long.toString(s.accepted()),
            errors(s.errorsByStatus()),
            latency(s.accept()),
            latency(s.endToEnd())
          });
    }
    print(rows, out);
  }

  /** The fault windows, ledger, lag, counters and expectations of an experiment. */
  public static void details(ExperimentResult result, PrintWriter out) {
    for (FaultWindow w : result.windows()) {
      out.println(
          String.format(
                  Locale.ROOT,
                  "fault: %s, %.1f s to %.1f s: ",
                  w.step().describe(),
                  w.startNanos() / 1e9,
                  w.endNanos() / 1e9)
              + (w.error() == null ? w.detail() : "FAILED: " + w.error()));
    }
    result.skippedSteps().forEach(s -> out.println("timeline: " + s));
    out.println(
        "ledger: "
            + (result.ledger().clean()
                ? "clean"
                : result.ledger().neverFinal().size()
                    + " never final, stock mismatch "
                    + result.ledger().stockMismatch()
                    + ", "
                    + result.ledger().missingNotifications().size()
                    + " missing and "
                    + result.ledger().doubledNotifications().size()
                    + " doubled notifications"));
    out.println("peak consumer lag: " + result.peakLag().map(l -> l + " records").orElse("n/a"));
    result
        .counters()
        .ifPresent(
            c ->
                out.println(
                    "resilience ("
                        + result.resilienceNote()
                        + "): "
                        + c.retries()
                        + " retries, "
                        + c.shedByBreaker()
                        + " shed by breaker, "
                        + c.shedByBulkhead()
                        + " shed by bulkhead"));
    for (ExpectationResult e : result.expectations()) {
      out.println(
          (e.passed() ? "PASS " : "FAIL ")
              + e.name()
              + ": expected "
              + e.expected()
              + ", got "
              + e.actual());
    }
    out.println("verdict: " + result.verdict());
  }

  /**
   * One line saying the cluster was overloaded, with the worst figures outside the fault and a rate
   * that would fit, for the inconclusive line.
   */
  public static String overload(ExperimentResult result) {
    RunHealth h = result.health();
    String worst =
        h.unhealthy().stream()
            .map(
                w ->
                    w.style().text()
                        + " "
                        + w.label()
                        + ": "
                        + errors(w.errorsByStatus())
                        + " errors, p99 "
                        + (w.p99Micros() < 0 ? "n/a" : ms(w.p99Micros()) + " ms")
                        + " (bound "
                        + ms(w.boundMicros())
                        + " ms)")
            .collect(Collectors.joining("; "));
    long fit = h.fittingRate();
    return "the cluster was overloaded at "
        + BigDecimal.valueOf(h.rate()).stripTrailingZeros().toPlainString()
        + " orders/s per style, so the run cannot judge the styles ("
        + worst
        + "); "
        + (fit >= 1 ? "about " + fit + " orders/s" : "below 1 order/s")
        + " would fit (see the report)";
  }

  /** One line naming every failed expectation, for the error line. */
  public static String failures(ExperimentResult result) {
    return result.expectations().stream()
        .filter(e -> !e.passed())
        .map(e -> e.name() + " (expected " + e.expected() + ", got " + e.actual() + ")")
        .collect(Collectors.joining("; "));
  }

  static String errors(Map<String, Long> byStatus) {
    if (byStatus.isEmpty() || byStatus.values().stream().allMatch(n -> n == 0)) {
      return "0";
    }
    return byStatus.entrySet().stream()
        .filter(e -> e.getValue() > 0)
        .map(e -> e.getKey() + " " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  static String latency(LatencySummary l) {
    if (l.isEmpty()) {
      return "-";
    }
    return ms(l.p50Micros()) + " / " + ms(l.p99Micros()) + " ms";
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
  }

  private static void print(List<String[]> rows, PrintWriter out) {
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(
            i == row.length - 1 ? row[i] : String.format("%-" + (widths[i] + 2) + "s", row[i]));
      }
      out.println(line.toString().stripTrailing());
    }
  }
}
