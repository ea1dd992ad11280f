package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExpectationResult;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.Verdict;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.model.ResilienceSettings;
import dev.couplinglab.experiment.timeline.FaultWindow;
import dev.couplinglab.experiment.trace.TraceSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Renders report.md: the overload paragraph of an INCONCLUSIVE run, summary, side-by-side table,
 * expectations, health outside the fault, ledger, settings, timeline.
 */
final class MarkdownReport {

  private MarkdownReport() {}

  static String render(ExperimentResult r) {
    return render(r, TraceSection.build(r, TraceSource.NONE));
  }

  static String render(ExperimentResult r, TraceSection traces) {
    Experiment e = r.experiment();
    StringBuilder md = new StringBuilder();
    Verdict verdict = r.verdict();
    md.append("# Experiment ").append(e.name()).append("\n\n");
    if (verdict == Verdict.INCONCLUSIVE) {
      md.append(HealthSection.overload(r)).append('\n');
    }
    if (!e.description().isEmpty()) {
      md.append(e.description().strip()).append("\n\n");
    }
    rateBasis(md, r.rateBasis());
    md.append("Run `")
        .append(r.runId())
        .append("`, ")
        .append(r.startedAt())
        .append(" to ")
        .append(r.finishedAt())
        .append(". Load: ")
        .append(
            e.load().phased()
                ? "per style " + e.load().rateSpec().text() + ","
                : Fmt.rate(e.load().rate()) + " orders/s per style")
        .append(" for ")
        .append(DurationText.format(e.load().duration()))
        .append(", ")
        .append(e.load().quantity())
        .append(" x ")
        .append(e.load().sku())
        .append(", client deadline ")
        .append(DurationText.format(e.load().deadline()))
        .append(". ")
        .append(r.warmup().describe())
        .append(" Expectations: **")
        .append(r.passed() ? "PASS" : "FAIL")
        .append("**. Verdict: **")
        .append(verdict)
        .append("**")
        .append(verdict == Verdict.INCONCLUSIVE ? " (the cluster was overloaded, see above)" : "")
        .append(".\n\n## Summary\n\n");
    for (String line : Summary.lines(r)) {
      md.append("- ").append(line).append('\n');
    }
    if (verdict == Verdict.INCONCLUSIVE) {
      md.append("\nSuitability rule applied:\n\n- ")
          .append(Summary.RULES.get(0))
          .append(" (R1 to R4, which compare the styles, are not applied.)\n");
    } else {
      md.append("\nSuitability rules, applied in order:\n\n");
      Summary.RULES.forEach(rule -> md.append("- ").append(rule).append('\n'));
    }
    styles(md, r);
    expectations(md, r);
    HealthSection.table(md, r);
    LedgerSection.render(md, r.ledger(), LedgerSection.cleanWhen(r));
    repairs(md, r);

    resilience(md, r);
    timeline(md, r);
    NetworkNote.render(md, r);
    traces.markdown(md);
    md.append("\n## Charts\n\n")
        .append("![p99 latency per second](latency.svg)\n\n")
        .append("![throughput per second](throughput.svg)\n\n")
        .append("Raw data: [data.json](data.json) (every order), ")
        .append("[timeseries.csv](timeseries.csv) (per second, per style).\n");
    return md.toString();
  }

  /** One paragraph: the rate, the capacity it is a share of, the machine. */
  private static void rateBasis(StringBuilder md, RateBasis b) {
    md.append("**Rate.** ");
    if (b.rate() instanceof Rate.Phased phased) {
      md.append("in phases, per style: ").append(phased.text()).append("; at its highest ");
    }
    md.append(Fmt.rate(b.ratePerStyle())).append(" orders/s per style");
    if (b.capacityPerStyle().isPresent()) {
      md.append(String.format(Locale.ROOT, ", %.0f%%", b.percentOfCapacity().getAsDouble()))
          .append(" of the capacity measured on this target, ")
          .append(Fmt.rate(b.capacityPerStyle().getAsDouble()))
          .append(" orders/s per style; asked as ")
          .append(b.rateText())
          .append(". Capacity: ")
          .append(b.capacitySource())
          .append('.');
    } else {
      md.append("; asked as ")
          .append(b.rateText())
          .append(
              ". Capacity not measured: run `bin/lab calibrate` to tell coupling from overload.");
    }
    md.append(" Machine: ").append(b.machine()).append('.');
    if (b.rate().phases().stream().anyMatch(p -> p.overload())) {
      md.append(
          " A phase marked planned overload is judged like a fault window: shaded on the charts,"
              + " checked by the expectations, and kept out of the health check, which asks"
              + " whether the cluster coped before and after it.");
    }
    md.append("\n\n");
  }

  private static void styles(StringBuilder md, ExperimentResult r) {
    List<StyleStats> s = new ArrayList<>(r.styles().values());
    md.append("\n## Per style\n\n|");
    s.forEach(x -> md.append(" | ").append(x.style().text()));
    md.append(" |");
    md.append("\n| --- |");
    s.forEach(x -> md.append(" --- |"));
    md.append('\n');
    row(md, s, "sent", x -> String.valueOf(x.sent()));
    row(md, s, "accepted (PlaceOrder answered)", x -> String.valueOf(x.accepted()));
    row(md, s, "confirmed (as the client saw it)", x -> String.valueOf(x.confirmed()));
    row(
        md,
        s,
        "rejected, by reason",
        x -> x.rejected() + " (" + Fmt.counts(x.rejectedByReason()) + ")");
    row(md, s, "errors, by status", x -> x.errors() + " (" + Fmt.counts(x.errorsByStatus()) + ")");
    row(md, s, "errors during a fault window", x -> String.valueOf(x.errorsDuringFault()));
    row(md, s, "accept latency p50 / p99 / max", x -> Fmt.triple(x.accept()));
    row(md, s, "end-to-end latency p50 / p99 / max", x -> Fmt.triple(x.endToEnd()));
    row(md, s, "completions after the load stopped", x -> String.valueOf(x.completionsAfterLoad()));
    row(md, s, "accepted but outcome never seen", x -> String.valueOf(x.notFinal()));
    row(md, s, "peak in-flight calls (whole run)", x -> String.valueOf(x.peakInFlight()));
    row(md, s, "peak in-flight calls (fault)", x -> String.valueOf(x.peakInFlightDuringFault()));
    row(md, s, "time to recover", x -> x.recovery().text());
    md.append("\nLatencies run from each order's intended send time (open loop), so a stall shows")
        .append(" as latency. Peak consumer lag: ")
        .append(r.peakLag().map(l -> l + " records").orElse("n/a"))
        .append(".\n");
  }

  private static void row(
      StringBuilder md, List<StyleStats> s, String label, Function<StyleStats, String> cell) {
    md.append("| ").append(label).append(" |");
    s.forEach(x -> md.append(' ').append(cell.apply(x)).append(" |"));
    md.append('\n');
  }

  private static void expectations(StringBuilder md, ExperimentResult r) {
    md.append("\n## Expectations\n\n");
    if (r.expectations().isEmpty()) {
      md.append("None set.\n");
      return;
    }
    md.append("| expectation | expected | actual | result |\n| --- | --- | --- | --- |\n");
    for (ExpectationResult x : r.expectations()) {
      md.append("| ")
          .append(x.name())
          .append(" | ")
          .append(x.expected())
          .append(" | ")
          .append(x.actual())
          .append(" | **")
          .append(x.passed() ? "PASS" : "FAIL")
          .append("** |\n");
    }
  }

  /** One line under the ledger: the repair mode, and what repair did to keep the ledger clean. */
  private static void repairs(StringBuilder md, ExperimentResult r) {
    md.append("\nRepair ").append(r.experiment().resilience().repair().text()).append(": ");
    r.counters()
        .ifPresentOrElse(
            c ->
                md.append(c.repairsRecorded())
                    .append(" repairs recorded, ")
                    .append(c.repairsDone())
                    .append(" done, ")
                    .append(c.repairsPending())
                    .append(" still pending; the longest took ")
                    .append(c.longestRepairMs())
                    .append(" ms (longest since order-service started).\n"),
            () -> md.append("counters not reported.\n"));
  }

  private static void resilience(StringBuilder md, ExperimentResult r) {
    ResilienceSettings s = r.experiment().resilience();
    md.append("\n## Resilience settings (sync chain)\n\n")
        .append("deadline ")
        .append(DurationText.format(s.deadline()))
        .append(", max_attempts ")
        .append(s.maxAttempts())
        .append(", circuit_breaker ")
        .append(s.circuitBreaker())
        .append(", bulkhead ")
        .append(s.bulkhead() == 0 ? "off" : String.valueOf(s.bulkhead()))
        .append(": ")
        .append(r.resilienceNote())
        .append(". Counters during the run: ")
        .append(
            r.counters()
                .map(
                    c ->
                        c.retries()
                            + " retries, "
                            + c.shedByBreaker()
                            + " shed by the breaker, "
                            + c.shedByBulkhead()
                            + " shed by the bulkhead")
                .orElse("not reported"))
        .append(".\n");
  }

  private static void timeline(StringBuilder md, ExperimentResult r) {
    md.append("\n## Fault timeline as applied\n\n");
    if (r.experiment().timeline().isEmpty()) {
      md.append("No faults.\n");
      return;
    }
    md.append(
        "Each command starts early by the time such a command takes on this target, so that the"
            + " fault is in force when planned; \"in force\" runs from the return of the command"
            + " that made the fault to the return of the one that undid it.\n\n");
    md.append(
        "| step | planned | command started | in force from | undo started | in force to | detail"
            + " |\n| --- | --- | --- | --- | --- | --- | --- |\n");
    for (FaultWindow w : r.windows()) {
      FaultStep step = w.step();
      String planned =
          step.lasting() == null
              ? DurationText.format(step.at())
              : DurationText.format(step.at())
                  + " to "
                  + DurationText.format(step.at().plus(step.lasting()));
      md.append("| ")
          .append(step.describe())
          .append(" | ")
          .append(planned)
          .append(" | ")
          .append(Fmt.seconds(w.applyCalledNanos()))
          .append(" | ")
          .append(Fmt.seconds(w.startNanos()))
          .append(" | ")
          .append(Fmt.seconds(w.undoCalledNanos()))
          .append(" | ")
          .append(Fmt.seconds(w.endNanos()))
          .append(" | ")
          .append(w.error() == null ? w.detail() : "**" + w.error() + "**")
          .append(" |\n");
    }
    r.skippedSteps().forEach(s -> md.append('\n').append(s).append('\n'));
  }
}
