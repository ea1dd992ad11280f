package dev.couplinglab.experiment.health;

import dev.couplinglab.experiment.load.LatencySummary;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.RecoveryTime;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Judges whether the cluster was healthy outside the fault, from the order records alone. The
 * stretches, per style, by intended send time: with no fault, the whole load; else before the first
 * fault's command started, less the style's p99 bound (an order due closer to the fault is judged
 * with the fault: it may still be waiting when the fault strikes), and after the last window from
 * the slowest style's time to recover plus {@link HealthBounds#settle()} to the load's end (none
 * when a style never recovered: the styles share the machine, so one's aftermath is the other's).
 * Pure: no clock, no I/O.
 */
public final class HealthCheck {

  private HealthCheck() {}

  public static RunHealth check(
      Experiment e,
      Map<RunStyle, StyleStats> styles,
      List<FaultWindow> windows,
      List<OrderRecord> orders) {
    HealthBounds bounds = HealthBounds.of(e.expectations());
    long loadEnd = e.load().duration().toNanos();
    List<WindowHealth> out = new ArrayList<>();
    for (StyleStats s : styles.values()) {
      List<OrderRecord> mine = orders.stream().filter(o -> o.style() == s.style()).toList();
      if (windows.isEmpty()) {
        add(out, mine, s.style(), "whole run", 0, loadEnd, bounds);
        continue;
      }
      // The fault may act as soon as its command starts; an order due less than one p99 bound
      // before that is judged with the fault, not before it (a healthy one would have finished).
      long firstStart =
          windows.stream().mapToLong(FaultWindow::applyCalledNanos).min().orElseThrow();
      long beforeEnd = firstStart - bounds.p99Micros(s.style()) * 1_000;
      long lastEnd = windows.stream().mapToLong(FaultWindow::endNanos).max().orElseThrow();
      add(out, mine, s.style(), "before the fault", 0, beforeEnd, bounds);
      // The styles share the machine: until the last of them has recovered (an async backlog
      // draining, say), its aftermath slows the other too, so the after stretch starts then.
      boolean allRecovered =
          styles.values().stream()
              .allMatch(o -> o.recovery().state() == RecoveryTime.State.RECOVERED);
      if (allRecovered) {
        long slowest =
            styles.values().stream().mapToLong(o -> o.recovery().millis()).max().orElse(0);
        long from = lastEnd + slowest * 1_000_000 + bounds.settle().toNanos();
        add(out, mine, s.style(), "after the fault", from, loadEnd, bounds);
      }
    }
    return new RunHealth(judgedRate(e), out, bounds);
  }

  /**
   * The rate the stretches ran at: for phases, the highest outside the planned overload (the rate a
   * fitting rate scales), else the load's.
   */
  private static double judgedRate(Experiment e) {
    return e.load().rateSpec().phases().stream()
        .filter(p -> !p.overload())
        .mapToDouble(p -> p.rate().resolve(Double.NaN))
        .max()
        .orElse(e.load().rate());
  }

  private static void add(
      List<WindowHealth> out,
      List<OrderRecord> orders,
      RunStyle style,
      String label,
      long from,
      long to,
      HealthBounds bounds) {
    Histogram latency = LatencySummary.newHistogram();
    Map<String, Long> errors = new TreeMap<>();
    long sent = 0;
    long notFinal = 0;
    for (OrderRecord o : orders) {
      if (o.intendedNanos() < from || o.intendedNanos() >= to) {
        continue;
      }
      sent++;
      if (o.errorCode() != null) {
        errors.merge(o.errorCode(), 1L, Long::sum);
      } else if (!o.accepted()) {
        notFinal++;
      } else if (style == RunStyle.SYNC) {
        LatencySummary.record(latency, o.acceptLatencyNanos());
      } else if (o.finalState() != null) {
        LatencySummary.record(latency, o.endToEndNanos());
      } else {
        notFinal++;
      }
    }
    if (sent > 0) {
      out.add(
          new WindowHealth(
              style,
              label,
              from,
              to,
              sent,
              errors,
              LatencySummary.of(latency).p99Micros(),
              bounds.p99Micros(style),
              notFinal));
    }
  }
}
