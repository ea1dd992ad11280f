package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.load.SecondPoint;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The report's two charts, latency and throughput over time, with the fault windows shaded. */
final class Charts {

  private static final String SYNC = "#2166ac";
  private static final String ASYNC = "#1b7837";
  private static final String ASYNC_ACCEPT = "#a6dba0";
  private static final String ERRORS = "#b2182b";

  private Charts() {}

  /** p99 per second (log scale, ms) of the orders sent in that second. */
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
            s ->
                chart.add(
                    new SvgChart.Series(
                        "sync answer (= outcome) p99",
                        SYNC,
                        false,
                        values(s, p -> millis(p.acceptP99Micros())))));
    r.style(RunStyle.ASYNC)
        .ifPresent(
            s -> {
              chart.add(
                  new SvgChart.Series(
                      "async accept p99",
                      ASYNC_ACCEPT,
                      false,
                      values(s, p -> millis(p.acceptP99Micros()))));
              chart.add(
                  new SvgChart.Series(
                      "async end-to-end p99",
                      ASYNC,
                      true,
                      values(s, p -> millis(p.endToEndP99Micros()))));
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
    for (StyleStats s : r.styles().values()) {
      String color = s.style() == RunStyle.SYNC ? SYNC : ASYNC;
      chart.add(
          new SvgChart.Series(
              s.style().text() + " completions/s", color, false, values(s, p -> p.completions())));
    }
    for (StyleStats s : r.styles().values()) {
      chart.add(
          new SvgChart.Series(
              s.style().text() + " errors/s",
              s.style() == RunStyle.SYNC ? ERRORS : "#f1a340",
              true,
              values(s, p -> p.errors())));
    }
    return chart.render();
  }

  private static void bands(SvgChart chart, List<FaultWindow> windows) {
    for (FaultWindow w : windows) {
      chart.band(
          new SvgChart.Band(
              w.startNanos() / 1e9,
              w.endNanos() / 1e9,
              w.step().fault().text() + " " + w.step().target()));
    }
  }

  private static double[] values(StyleStats s, ToDoubleFunction<SecondPoint> f) {
    return s.series().stream().mapToDouble(f).toArray();
  }

  private static double millis(long micros) {
    return micros < 0 ? -1 : micros / 1000.0;
  }
}
