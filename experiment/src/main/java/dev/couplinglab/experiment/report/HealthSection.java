package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.health.HealthBounds;
import dev.couplinglab.experiment.health.RunHealth;
import dev.couplinglab.experiment.health.WindowHealth;
import dev.couplinglab.experiment.model.DurationText;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report's account of the cluster's health outside the fault: the overload paragraph that opens
 * an INCONCLUSIVE report, and the table of each style's stretches before and after the fault.
 */
final class HealthSection {

  private HealthSection() {}

  /** The paragraph at the top of an overloaded run's report, with the rate that would fit. */
  static String overload(ExperimentResult r) {
    RunHealth h = r.health();
    List<String> why = new ArrayList<>();
    for (WindowHealth w : h.unhealthy()) {
      why.add(problem(w));
    }
    return "**INCONCLUSIVE: the cluster was overloaded at "
        + Fmt.rate(h.rate())
        + " orders/s per style.** Outside the fault ("
        + stretches(r)
        + ") a cluster that copes with the rate answers every PlaceOrder, with "
        + bounds(h.bounds())
        + "; in this run "
        + String.join("; ", why)
        + ". Every figure below is then the queue's as much as the fault's, so this run cannot"
        + " judge the styles and makes no claim about which one suits the scenario. "
        + fit(h)
        + "\n";
  }

  /** The stretches of each style, healthy or not, as a table. */
  static void table(StringBuilder md, ExperimentResult r) {
    RunHealth h = r.health();
    md.append("\n## Health outside the fault\n\n")
        .append(
            h.overloaded()
                ? "**Overloaded**: the run is INCONCLUSIVE (see the top)."
                : "Healthy: every style met the bounds, so the verdict is the expectations'.")
        .append(" Bounds: no PlaceOrder error, every accepted order final, ")
        .append(bounds(h.bounds()))
        .append("; stretches: ")
        .append(stretches(r))
        .append(".\n\n");
    if (h.windows().isEmpty()) {
      md.append("No orders were due outside the fault, so nothing could be judged.\n");
      return;
    }
    md.append(
            "| style | stretch | sent | errors, by status | no outcome | p99 (bound) | healthy |\n")
        .append("| --- | --- | --- | --- | --- | --- | --- |\n");
    for (WindowHealth w : h.windows()) {
      md.append("| ")
          .append(w.style().text())
          .append(" | ")
          .append(w.label())
          .append(", ")
          .append(span(w))
          .append(" | ")
          .append(w.sent())
          .append(" | ")
          .append(w.errors())
          .append(" (")
          .append(Fmt.counts(w.errorsByStatus()))
          .append(") | ")
          .append(w.notFinal())
          .append(" | ")
          .append(Fmt.ms(w.p99Micros()))
          .append(" (")
          .append(Fmt.ms(w.boundMicros()))
          .append(") | ")
          .append(w.healthy() ? "yes" : "**no**")
          .append(" |\n");
    }
  }

  private static String problem(WindowHealth w) {
    List<String> parts = new ArrayList<>();
    if (w.errors() > 0) {
      parts.add(
          w.errors()
              + " of "
              + w.sent()
              + " PlaceOrder calls failed ("
              + Fmt.counts(w.errorsByStatus())
              + ")");
    }
    if (w.notFinal() > 0) {
      parts.add(w.notFinal() + " order(s) showed no outcome");
    }
    parts.add(
        (w.p99Micros() > w.boundMicros() ? "p99 " : "p99 within the bound, ")
            + Fmt.ms(w.p99Micros())
            + (w.p99Micros() > w.boundMicros()
                ? " against a bound of " + Fmt.ms(w.boundMicros())
                : ""));
    return w.style().text() + " " + w.label() + " (" + span(w) + "): " + String.join(", ", parts);
  }

  private static String fit(RunHealth h) {
    WindowHealth worst =
        h.windows().stream().min(Comparator.comparingDouble(WindowHealth::fitFactor)).orElseThrow();
    String how =
        worst.latencyFactor() <= worst.outcomeFactor()
            ? Fmt.rate(h.rate())
                + "/s x "
                + Fmt.ms(worst.boundMicros())
                + " / "
                + Fmt.ms(worst.p99Micros())
                + ", the bound over the p99"
            : Fmt.rate(h.rate())
                + "/s x "
                + String.format(Locale.ROOT, "%.0f%%", 100 * worst.outcomeFactor())
                + ", the share of calls that neither failed nor stayed without an outcome";
    long rate = h.fittingRate();
    return "A rate that would fit: "
        + (rate >= 1 ? "about " + rate + " orders/s per style" : "below 1 order/s per style")
        + " ("
        + how
        + " of "
        + worst.style().text()
        + " "
        + worst.label()
        + "; a linear estimate, and latency grows faster than linearly near saturation, so run"
        + " once at that rate to confirm).";
  }

  private static String stretches(ExperimentResult r) {
    return r.windows().isEmpty()
        ? "the whole run, as there was no fault"
        : "before the first fault (up to one p99 bound before its command started: an order due"
            + " closer to it may still be waiting when it strikes), and from "
            + DurationText.format(r.health().bounds().settle())
            + " after the last style recovered from the last one to the end of the load";
  }

  private static String bounds(HealthBounds b) {
    return "sync answer p99 at most "
        + Fmt.ms(b.syncP99().toNanos() / 1000)
        + " and async end-to-end p99 at most "
        + Fmt.ms(b.asyncEndToEndP99().toNanos() / 1000);
  }

  private static String span(WindowHealth w) {
    return String.format(Locale.ROOT, "%.1f-%.1f s", w.fromNanos() / 1e9, w.toNanos() / 1e9);
  }
}
