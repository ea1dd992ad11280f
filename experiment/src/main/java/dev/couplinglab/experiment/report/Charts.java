package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.SecondPoint;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The report's two charts, latency and throughput over time, with the fault windows (and planned
 * overload phases) shaded and, for a load in phases, the offered rate drawn. The latency chart has
 * an error panel under it, since its lines only show the orders that succeeded. Colours are the
 * Okabe-Ito palette (readable with colour blindness); each line also has its own dash pattern, so
 * the styles stay apart in black and white.
 */
final class Charts {

  private static final String SYNC = Palette.SYNC;
  private static final String ASYNC = Palette.ASYNC;
  private static final String ASYNC_ACCEPT = Palette.ASYNC_ACCEPT;
  private static final String SYNC_ERRORS = Palette.SYNC_ERRORS;
  private static final String ASYNC_ERRORS = Palette.ASYNC_ERRORS;
  private static final String SOLID = "";
  private static final String DASHED = "9 4";
  private static final String DOTTED = "2 3";

  private Charts() {}

  /** p99 per second (log scale, ms) of the orders sent in that second, and the failed share. */
  static String latency(ExperimentResult r) {
    SvgChart chart =
        new SvgChart(
            "p99 latency of the orders sent each second: " + r.experiment().name(),
            "seconds since the load started",
            "p99 latency (ms)",
            true);
    bands(chart, r.windows());
    r.style(RunStyle.SYNC)
        .ifPresent(
            s -> {
              chart.add(
                  new SvgChart.Series(
                      "sync answer (= outcome) p99",
                      SYNC,
                      SOLID,
                      values(s, p -> millis(p.acceptP99Micros()))));
              chart.errors(
                  new SvgChart.ErrorLine(
                      "sync", "sync failed %", SYNC, SOLID, failedPercent(r, s)));
            });
    r.style(RunStyle.ASYNC)
        .ifPresent(
            s -> {
              chart.add(
                  new SvgChart.Series(
                      "async end-to-end p99",
                      ASYNC,
                      DASHED,
                      values(s, p -> millis(p.endToEndP99Micros()))));
              chart.add(
                  new SvgChart.Series(
                      "async accept p99",
                      ASYNC_ACCEPT,
                      DOTTED,
                      values(s, p -> millis(p.acceptP99Micros()))));
              chart.errors(
                  new SvgChart.ErrorLine(
                      "async", "async failed %", ASYNC, DASHED, failedPercent(r, s)));
            });
    return chart.render();
  }

  /** Completions and errors per second, per style (linear). */
  static String throughput(ExperimentResult r) {
    SvgChart chart =
        new SvgChart(
            "Completions and errors per second: " + r.experiment().name(),
            "seconds since the load started",
            "per second",
            false);
    bands(chart, r.windows());
    if (r.experiment().load().phased() && !r.styles().isEmpty()) {
      // The schedule the load followed, per style (the same for each): orders due each second.
      StyleStats first = r.styles().values().iterator().next();
      chart.add(
          new SvgChart.Series(
              "offered/s per style", Palette.OFFERED, "1 5", values(first, p -> p.sent())));
    }
    for (StyleStats s : r.styles().values()) {
      boolean sync = s.style() == RunStyle.SYNC;
      chart.add(
          new SvgChart.Series(
              s.style().text() + " completions/s",
              sync ? SYNC : ASYNC,
              sync ? SOLID : DASHED,
              values(s, p -> p.completions())));
    }
    for (StyleStats s : r.styles().values()) {
      boolean sync = s.style() == RunStyle.SYNC;
      chart.add(
          new SvgChart.Series(
              s.style().text() + " errors/s",
              sync ? SYNC_ERRORS : ASYNC_ERRORS,
              DOTTED,
              values(s, p -> p.errors())));
    }
    return chart.render();
  }

  /**
   * Per second of the style's series, the percent of the orders due in it whose PlaceOrder failed
   * (-1, a gap, for a second with no order due).
   */
  static double[] failedPercent(ExperimentResult r, StyleStats s) {
    int seconds = s.series().size();
    long[] due = new long[seconds];
    long[] failed = new long[seconds];
    for (OrderRecord o : r.orders()) {
      if (o.style() != s.style()) {
        continue;
      }
      int i = (int) Math.min(seconds - 1, Math.max(0, o.intendedNanos() / 1_000_000_000L));
      due[i]++;
      if (o.errorCode() != null) {
        failed[i]++;
      }
    }
    double[] out = new double[seconds];
    for (int i = 0; i < seconds; i++) {
      out[i] = due[i] == 0 ? -1 : 100.0 * failed[i] / due[i];
    }
    return out;
  }

  private static void bands(SvgChart chart, List<FaultWindow> windows) {
    for (FaultWindow w : windows) {
      chart.band(
          new SvgChart.Band(
              w.startNanos() / 1e9,
              w.endNanos() / 1e9,
              w.step().fault() == FaultKind.OVERLOAD
                  ? "planned overload"
                  : w.step().fault().text() + " " + w.step().part()));
    }
  }

  private static double[] values(StyleStats s, ToDoubleFunction<SecondPoint> f) {
    return s.series().stream().mapToDouble(f).toArray();
  }

  private static double millis(long micros) {
    return micros < 0 ? -1 : micros / 1000.0;
  }
}
