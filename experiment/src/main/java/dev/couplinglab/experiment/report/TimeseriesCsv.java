package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.load.SecondPoint;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.timeline.FaultWindow;

/** timeseries.csv: one row per second per style, with whether a fault was in force. */
final class TimeseriesCsv {

  static final String HEADER =
      "second,style,sent,completions,errors,accept_p50_ms,accept_p99_ms,e2e_p50_ms,e2e_p99_ms,"
          + "peak_in_flight,fault_active";

  private TimeseriesCsv() {}

  static String render(ExperimentResult r) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (StyleStats s : r.styles().values()) {
      for (SecondPoint p : s.series()) {
        long from = p.second() * 1_000_000_000L;
        boolean fault =
            r.windows().stream()
                .anyMatch((FaultWindow w) -> w.overlaps(from, from + 1_000_000_000L));
        csv.append(p.second())
            .append(',')
            .append(s.style().text())
            .append(',')
            .append(p.sent())
            .append(',')
            .append(p.completions())
            .append(',')
            .append(p.errors())
            .append(',')
            .append(ms(p.acceptP50Micros()))
            .append(',')
            .append(ms(p.acceptP99Micros()))
            .append(',')
            .append(ms(p.endToEndP50Micros()))
            .append(',')
            .append(ms(p.endToEndP99Micros()))
            .append(',')
            .append(p.peakInFlight())
            .append(',')
            .append(fault)
            .append('\n');
      }
    }
    return csv.toString();
  }

  /** Milliseconds with three decimals; empty when there is no value. */
  private static String ms(long micros) {
    return micros < 0 ? "" : String.valueOf(micros / 1000.0);
  }
}
