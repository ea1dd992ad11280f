package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExpectationResult;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.health.RunHealth;
import dev.couplinglab.experiment.health.WindowHealth;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.load.LatencySummary;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.SecondPoint;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.RatePhase;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** data.json: the whole result, including every order record, for other tools. */
final class DataJson {

  private DataJson() {}

  static String render(ExperimentResult r) {
    Map<String, Object> root = new LinkedHashMap<>();
    Experiment e = r.experiment();
    root.put("name", e.name());
    root.put("description", e.description());
    root.put("runId", r.runId());
    root.put("startedAt", r.startedAt().toString());
    root.put("finishedAt", r.finishedAt().toString());
    root.put("passed", r.passed());
    root.put("verdict", r.verdict().name());
    root.put("health", health(r.health()));
    Map<String, Object> load = new LinkedHashMap<>();
    load.put("rate", e.load().rate());
    if (e.load().phased()) {
      load.put("phases", e.load().rateSpec().phases().stream().map(DataJson::phase).toList());
    }
    load.put("duration", DurationText.format(e.load().duration()));
    load.put("styles", e.load().styles().stream().map(s -> s.text()).toList());
    load.put("sku", e.load().sku());
    load.put("quantity", e.load().quantity());
    load.put("deadline", DurationText.format(e.load().deadline()));
    root.put("load", load);
    root.put("rateBasis", rateBasis(r.rateBasis()));
    Map<String, Object> warmup = new LinkedHashMap<>();
    warmup.put("seconds", r.warmup().duration().toMillis() / 1000.0);
    warmup.put("sent", r.warmup().sent());
    warmup.put("failed", r.warmup().failed());
    root.put("warmup", warmup);
    Map<String, Object> resilience = new LinkedHashMap<>();
    resilience.put("deadline", DurationText.format(e.resilience().deadline()));
    resilience.put("maxAttempts", e.resilience().maxAttempts());
    resilience.put("circuitBreaker", e.resilience().circuitBreaker());
    resilience.put("bulkhead", e.resilience().bulkhead());
    resilience.put("repair", e.resilience().repair().text());
    root.put("resilience", resilience);
    root.put("resilienceNote", r.resilienceNote());
    root.put(
        "resilienceCounters",
        r.counters()
            .map(
                c ->
                    Map.of(
                        "retries",
                        c.retries(),
                        "shedByBreaker",
                        c.shedByBreaker(),
                        "shedByBulkhead",
                        c.shedByBulkhead(),
                        "repairsRecorded",
                        c.repairsRecorded(),
                        "repairsDone",
                        c.repairsDone(),
                        "repairsPending",
                        c.repairsPending(),
                        "longestRepairMs",
                        c.longestRepairMs())));
    root.put("peakConsumerLag", r.peakLag());
    Map<String, Object> styles = new LinkedHashMap<>();
    r.styles().forEach((k, v) -> styles.put(k.text(), style(v)));
    root.put("styles", styles);
    root.put("faultWindows", r.windows().stream().map(DataJson::window).toList());
    root.put("skippedSteps", r.skippedSteps());
    Map<String, Object> ledger = ledger(r.ledger());
    LedgerSection.secondsToClean(r).ifPresent(s -> ledger.put("secondsToClean", s));
    root.put("ledger", ledger);
    root.put("expectations", r.expectations().stream().map(DataJson::expectation).toList());
    root.put("orders", r.orders().stream().map(DataJson::order).toList());
    return Json.write(root);
  }

  private static Map<String, Object> phase(RatePhase p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", DurationText.format(p.at()));
    m.put("rate", p.rate().resolve(Double.NaN));
    m.put("overload", p.overload());
    return m;
  }

  private static Map<String, Object> rateBasis(RateBasis b) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ratePerStyle", b.ratePerStyle());
    m.put("asked", b.rateText());
    m.put(
        "capacityPerStyle",
        b.capacityPerStyle().isPresent() ? b.capacityPerStyle().getAsDouble() : null);
    m.put(
        "percentOfCapacity",
        b.percentOfCapacity().isPresent() ? b.percentOfCapacity().getAsDouble() : null);
    m.put("capacitySource", b.capacitySource());
    m.put("machine", b.machine());
    return m;
  }

  private static Map<String, Object> style(StyleStats s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("sent", s.sent());
    m.put("accepted", s.accepted());
    m.put("confirmed", s.confirmed());
    m.put("rejectedByReason", s.rejectedByReason());
    m.put("errorsByStatus", s.errorsByStatus());
    m.put("errorsDuringFault", s.errorsDuringFault());
    m.put("acceptMicros", latency(s.accept()));
    m.put("endToEndMicros", latency(s.endToEnd()));
    m.put("completionsAfterLoad", s.completionsAfterLoad());
    m.put("notFinal", s.notFinal());
    m.put("peakInFlight", s.peakInFlight());
    m.put("peakInFlightDuringFault", s.peakInFlightDuringFault());
    m.put("timeToRecover", s.recovery().text());
    List<Object> series = new ArrayList<>();
    for (SecondPoint p : s.series()) {
      series.add(
          List.of(
              p.second(),
              p.sent(),
              p.completions(),
              p.errors(),
              p.acceptP50Micros(),
              p.acceptP99Micros(),
              p.endToEndP50Micros(),
              p.endToEndP99Micros(),
              p.peakInFlight()));
    }
    m.put(
        "seriesColumns",
        List.of(
            "second",
            "sent",
            "completions",
            "errors",
            "acceptP50Micros",
            "acceptP99Micros",
            "endToEndP50Micros",
            "endToEndP99Micros",
            "peakInFlight"));
    m.put("series", series);
    return m;
  }

  private static Map<String, Object> latency(LatencySummary l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", l.count());
    m.put("p50", l.p50Micros());
    m.put("p99", l.p99Micros());
    m.put("max", l.maxMicros());
    return m;
  }

  private static Map<String, Object> window(FaultWindow w) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", w.step().describe());
    m.put("fault", w.step().fault().text());
    m.put("target", w.step().part());
    m.put("startSeconds", w.startNanos() / 1e9);
    m.put("endSeconds", w.endNanos() / 1e9);
    m.put("startedAt", w.startedAt().toString());
    m.put("endedAt", w.endedAt().toString());
    m.put("detail", w.detail());
    m.put("error", w.error());
    return m;
  }

  private static Map<String, Object> health(RunHealth h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("overloaded", h.overloaded());
    m.put("fittingRate", h.overloaded() ? h.fittingRate() : null);
    m.put("syncP99BoundMicros", h.bounds().syncP99().toNanos() / 1000);
    m.put("asyncEndToEndP99BoundMicros", h.bounds().asyncEndToEndP99().toNanos() / 1000);
    List<Object> stretches = new ArrayList<>();
    for (WindowHealth w : h.windows()) {
      Map<String, Object> x = new LinkedHashMap<>();
      x.put("style", w.style().text());
      x.put("stretch", w.label());
      x.put("fromSeconds", w.fromNanos() / 1e9);
      x.put("toSeconds", w.toNanos() / 1e9);
      x.put("sent", w.sent());
      x.put("errorsByStatus", w.errorsByStatus());
      x.put("notFinal", w.notFinal());
      x.put("p99Micros", w.p99Micros());
      x.put("healthy", w.healthy());
      stretches.add(x);
    }
    m.put("stretches", stretches);
    return m;
  }

  private static Map<String, Object> ledger(LedgerResult l) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("clean", l.clean());
    m.put("neverFinal", l.neverFinal());
    m.put("reservedBefore", l.reservedBefore());
    m.put("reservedAfter", l.reservedAfter());
    m.put("confirmedQuantity", l.confirmedQuantity());
    m.put("stockMismatch", l.stockMismatch());
    m.put("stockExplanation", l.stockExplanation());
    m.put("missingNotifications", l.missingNotifications());
    m.put("doubledNotifications", l.doubledNotifications());
    m.put("syncFailed", l.syncFailed());
    m.put("syncErrorsButOutcome", l.syncErrorsButOutcome());
    return m;
  }

  private static Map<String, Object> expectation(ExpectationResult x) {
    return Map.of(
        "name", x.name(), "expected", x.expected(), "actual", x.actual(), "passed", x.passed());
  }

  private static Map<String, Object> order(OrderRecord o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", o.orderId());
    m.put("style", o.style().text());
    m.put("intendedMicros", o.intendedNanos() / 1000);
    m.put("sentMicros", o.sentNanos() / 1000);
    m.put("answeredMicros", o.answeredNanos() < 0 ? null : o.answeredNanos() / 1000);
    m.put("error", o.errorCode());
    m.put("answerState", o.answerState() == null ? null : o.answerState().name());
    m.put("finalMicros", o.finalNanos() < 0 ? null : o.finalNanos() / 1000);
    m.put("finalState", o.finalState() == null ? null : o.finalState().name());
    m.put("rejectReason", o.rejectReason());
    m.put("finalVia", o.finalVia() == null ? null : o.finalVia().name());
    m.put("traceId", o.traceId());
    return m;
  }
}
