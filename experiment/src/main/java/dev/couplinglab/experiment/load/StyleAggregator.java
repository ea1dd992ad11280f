package dev.couplinglab.experiment.load;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Turns one style's order records into its {@link StyleStats}: counts, HdrHistogram latencies from
 * the intended send times, the per-second series, peak in-flight calls and time to recover. Pure:
 * no clock, no I/O.
 */
public final class StyleAggregator {

  private static final long SECOND = 1_000_000_000L;

  private StyleAggregator() {}

  /**
   * @param loadEndNanos when the last order was due (the load duration)
   * @param windows the fault windows as applied
   */
  public static StyleStats aggregate(
      RunStyle style, List<OrderRecord> records, long loadEndNanos, List<FaultWindow> windows) {
    Histogram accept = LatencySummary.newHistogram();
    Histogram endToEnd = LatencySummary.newHistogram();
    Map<String, Long> rejected = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    long accepted = 0;
    long confirmed = 0;
    long afterLoad = 0;
    long notFinal = 0;
    long errorsDuringFault = 0;
    for (OrderRecord r : records) {
      if (r.accepted()) {
        accepted++;
        LatencySummary.record(accept, r.acceptLatencyNanos());
        if (r.finalState() == null) {
          notFinal++;
        }
      } else if (r.errorCode() != null) {
        errors.merge(r.errorCode(), 1L, Long::sum);
        if (inAnyWindow(windows, r.sentNanos()) || inAnyWindow(windows, r.answeredNanos())) {
          errorsDuringFault++;
        }
      }
      if (r.finalState() != null) {
        LatencySummary.record(endToEnd, r.endToEndNanos());
        if (r.finalNanos() > loadEndNanos) {
          afterLoad++;
        }
        if (r.finalState() == OrderState.CONFIRMED) {
          confirmed++;
        } else if (r.finalState() == OrderState.REJECTED) {
          rejected.merge(
              r.rejectReason() == null ? "UNSPECIFIED" : r.rejectReason(), 1L, Long::sum);
        }
      }
    }
    List<SecondPoint> series = series(records, loadEndNanos);
    return new StyleStats(
        style,
        records.size(),
        accepted,
        confirmed,
        rejected,
        errors,
        errorsDuringFault,
        LatencySummary.of(accept),
        LatencySummary.of(endToEnd),
        afterLoad,
        notFinal,
        series.stream().mapToInt(SecondPoint::peakInFlight).max().orElse(0),
        peakDuringFault(series, windows),
        recovery(style, records, windows, notFinal),
        series);
  }

  /** One point per second from the load start to the last thing that happened. */
  static List<SecondPoint> series(List<OrderRecord> records, long loadEndNanos) {
    long last = loadEndNanos;
    for (OrderRecord r : records) {
      last = Math.max(last, Math.max(r.answeredNanos(), r.finalNanos()));
    }
    int seconds = (int) Math.max(1, (last + SECOND - 1) / SECOND);
    Histogram[] accept = new Histogram[seconds];
    Histogram[] endToEnd = new Histogram[seconds];
    long[] sent = new long[seconds];
    long[] completions = new long[seconds];
    long[] errors = new long[seconds];
    for (int s = 0; s < seconds; s++) {
      accept[s] = LatencySummary.newHistogram();
      endToEnd[s] = LatencySummary.newHistogram();
    }
    for (OrderRecord r : records) {
      int sentIn = bucket(r.intendedNanos(), seconds);
      sent[sentIn]++;
      if (r.accepted()) {
        LatencySummary.record(accept[sentIn], r.acceptLatencyNanos());
      } else if (r.errorCode() != null) {
        errors[bucket(r.answeredNanos(), seconds)]++;
      }
      if (r.finalState() != null) {
        LatencySummary.record(endToEnd[sentIn], r.endToEndNanos());
        completions[bucket(r.finalNanos(), seconds)]++;
      }
    }
    int[] inFlight = peakInFlightPerSecond(records, seconds);
    List<SecondPoint> points = new ArrayList<>(seconds);
    for (int s = 0; s < seconds; s++) {
      LatencySummary a = LatencySummary.of(accept[s]);
      LatencySummary e = LatencySummary.of(endToEnd[s]);
      points.add(
          new SecondPoint(
              s,
              sent[s],
              completions[s],
              errors[s],
              a.p50Micros(),
              a.p99Micros(),
              e.p50Micros(),
              e.p99Micros(),
              inFlight[s]));
    }
    return points;
  }

  /** Sweeps send (+1) and answer (-1) events; a call never answered stays in flight. */
  static int[] peakInFlightPerSecond(List<OrderRecord> records, int seconds) {
    List<long[]> events = new ArrayList<>();
    for (OrderRecord r : records) {
      if (r.sentNanos() >= 0) {
        events.add(new long[] {r.sentNanos(), +1});
        if (r.answeredNanos() >= 0) {
          events.add(new long[] {r.answeredNanos(), -1});
        }
      }
    }
    events.sort(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));
    int[] peak = new int[seconds];
    int current = 0;
    int next = 0;
    for (int s = 0; s < seconds; s++) {
      peak[s] = current;
      long end = (s + 1) * SECOND;
      while (next < events.size() && (events.get(next)[0] < end || s == seconds - 1)) {
        current += (int) events.get(next)[1];
        peak[s] = Math.max(peak[s], current);
        next++;
      }
    }
    return peak;
  }

  private static int peakDuringFault(List<SecondPoint> series, List<FaultWindow> windows) {
    int peak = 0;
    for (SecondPoint p : series) {
      long from = p.second() * SECOND;
      if (windows.stream().anyMatch(w -> w.overlaps(from, from + SECOND))) {
        peak = Math.max(peak, p.peakInFlight());
      }
    }
    return peak;
  }

  static RecoveryTime recovery(
      RunStyle style, List<OrderRecord> records, List<FaultWindow> windows, long notFinal) {
    if (windows.isEmpty()) {
      return RecoveryTime.noFault();
    }
    long faultEnd = windows.stream().mapToLong(FaultWindow::endNanos).max().orElseThrow();
    if (style == RunStyle.SYNC) {
      return records.stream()
          .filter(r -> r.accepted() && r.answeredNanos() >= faultEnd)
          .mapToLong(OrderRecord::answeredNanos)
          .min()
          .stream()
          .mapToObj(t -> RecoveryTime.after(t - faultEnd))
          .findFirst()
          .orElse(RecoveryTime.never());
    }
    if (notFinal > 0) {
      return RecoveryTime.never();
    }
    // The backlog the fault left: orders sent before it ended. Later orders finish on their own.
    long lastFinal =
        records.stream()
            .filter(r -> r.accepted() && r.intendedNanos() <= faultEnd)
            .mapToLong(OrderRecord::finalNanos)
            .max()
            .orElse(faultEnd);
    return RecoveryTime.after(lastFinal - faultEnd);
  }

  private static boolean inAnyWindow(List<FaultWindow> windows, long nanos) {
    return nanos >= 0 && windows.stream().anyMatch(w -> w.covers(nanos));
  }

  private static int bucket(long nanos, int seconds) {
    return (int) Math.min(seconds - 1, Math.max(0, nanos / SECOND));
  }
}
