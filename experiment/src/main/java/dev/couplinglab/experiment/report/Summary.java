package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.ResilienceCounters;
import dev.couplinglab.experiment.Verdict;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.ResilienceSettings;
import dev.couplinglab.experiment.model.RunStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's opening: the five classic differences between the styles (timing, resource use,
 * feedback, complexity, suitability), each answered with this run's numbers. Suitability follows
 * the explicit rules in {@link #RULES}: it names no better style for an overloaded run, nor when
 * both styles failed.
 */
final class Summary {

  /**
   * A style failing more than this share of calls (percent) did not serve the scenario: one order
   * in five lost to an error is no service, whatever the other style did.
   */
  static final int LARGE_ERROR_SHARE = 20;

  /** The suitability rules, printed in the report so a reader can check the verdict. */
  static final List<String> RULES =
      List.of(
          "R0 judgement: a run whose cluster was not healthy outside the fault (overloaded) is"
              + " INCONCLUSIVE and no rule below is applied.",
          "R1 correctness: a style with an order lost, stuck or wrongly notified in the ledger"
              + " did not serve the scenario; when both styles have one, neither did.",
          "R2 availability: otherwise, if both styles failed more than "
              + LARGE_ERROR_SHARE
              + "% of PlaceOrder calls, neither served the scenario; else, if the share of"
              + " failed calls differs by more than 1 percentage point, the style with fewer"
              + " failures served it better.",
          "R3 outcome time: otherwise, if the end-to-end p99 differs by more than 20%, the"
              + " faster style served it better.",
          "R4 otherwise both served it alike: choose on other grounds (sync tells the outcome in"
              + " the answer; async keeps accepting while a dependency is down).");

  private Summary() {}

  static List<String> lines(ExperimentResult r) {
    StyleStats sync = r.styles().get(RunStyle.SYNC);
    StyleStats async = r.styles().get(RunStyle.ASYNC);
    List<String> out = new ArrayList<>();
    out.add("**Timing.** " + timing(sync, async));
    out.add("**Resource use.** " + resources(r, sync, async));
    out.add("**Feedback.** " + feedback(sync, async));
    out.add("**Complexity.** " + complexity(r, sync, async));
    out.add("**Suitability.** " + verdict(r, sync, async));
    return out;
  }

  private static String timing(StyleStats sync, StyleStats async) {
    List<String> parts = new ArrayList<>();
    if (sync != null) {
      parts.add(
          "a sync client waited p50 "
              + Fmt.ms(sync.accept().p50Micros())
              + " / p99 "
              + Fmt.ms(sync.accept().p99Micros())
              + " and that wait was the outcome time (end to end p50 "
              + Fmt.ms(sync.endToEnd().p50Micros())
              + " / p99 "
              + Fmt.ms(sync.endToEnd().p99Micros())
              + ")");
    }
    if (async != null) {
      parts.add(
          "an async client waited p50 "
              + Fmt.ms(async.accept().p50Micros())
              + " / p99 "
              + Fmt.ms(async.accept().p99Micros())
              + " for the acceptance, while the outcome took p50 "
              + Fmt.ms(async.endToEnd().p50Micros())
              + " / p99 "
              + Fmt.ms(async.endToEnd().p99Micros())
              + " end to end");
    }
    return capitalise(String.join("; ", parts)) + ".";
  }

  private static String resources(ExperimentResult r, StyleStats sync, StyleStats async) {
    String when = r.windows().isEmpty() ? "during the run (no fault)" : "during the fault";
    List<String> parts = new ArrayList<>();
    for (StyleStats s : new StyleStats[] {sync, async}) {
      if (s != null) {
        parts.add(
            s.style().text()
                + " "
                + (r.windows().isEmpty() ? s.peakInFlight() : s.peakInFlightDuringFault())
                + " (whole run "
                + s.peakInFlight()
                + ")");
      }
    }
    String lag =
        r.peakLag()
            .map(l -> "Peak async consumer lag: " + l + " records.")
            .orElse("Peak async consumer lag: n/a (not measured in this run).");
    String backlog =
        async == null
            ? ""
            : " Async orders still open when the load stopped and completed afterwards (the"
                + " backlog): "
                + async.completionsAfterLoad()
                + ".";
    return "Peak PlaceOrder calls in flight "
        + when
        + ": "
        + String.join(", ", parts)
        + ". "
        + lag
        + backlog;
  }

  private static String feedback(StyleStats sync, StyleStats async) {
    List<String> parts = new ArrayList<>();
    if (sync != null) {
      parts.add(
          "Sync clients learned the outcome in the answer itself, after p50 "
              + Fmt.ms(sync.accept().p50Micros())
              + "; "
              + sync.errors()
              + " of "
              + sync.sent()
              + " learned only an error ("
              + Fmt.counts(sync.errorsByStatus())
              + ") and not the outcome.");
    }
    if (async != null) {
      parts.add(
          "Async clients were told PENDING after p50 "
              + Fmt.ms(async.accept().p50Micros())
              + " and learned the outcome via WatchOrder after p50 "
              + Fmt.ms(async.endToEnd().p50Micros())
              + " (p99 "
              + Fmt.ms(async.endToEnd().p99Micros())
              + ", max "
              + Fmt.ms(async.endToEnd().maxMicros())
              + "); "
              + async.notFinal()
              + " accepted order(s) never showed an outcome.");
    }
    return String.join(" ", parts);
  }

  private static String complexity(ExperimentResult r, StyleStats sync, StyleStats async) {
    ResilienceSettings rs = r.experiment().resilience();
    LedgerResult l = r.ledger();
    String retries =
        r.counters()
            .map(ResilienceCounters::retries)
            .map(n -> n + " retries")
            .orElse("retries not reported");
    String shed =
        r.counters().map(c -> ", " + c.shedByBreaker() + " calls shed by the breaker").orElse("");
    String s =
        "Sync needed a deadline on every hop ("
            + DurationText.format(rs.deadline())
            + "), retries only on UNAVAILABLE (max_attempts "
            + rs.maxAttempts()
            + ": "
            + retries
            + shed
            + "), a circuit breaker "
            + (rs.circuitBreaker() ? "(on)" : "(off)")
            + ", and compensation: "
            + l.syncFailed()
            + " sync order(s) ended FAILED (when a Reserve timed out, its reservation is"
            + " released in the background); "
            + l.syncErrorsButOutcome()
            + " sync client(s) got an error although the order reached an outcome.";
    String a =
        async == null
            ? ""
            : " Async needed a transactional outbox, inbox idempotency by event id and"
                + " dead-letter topics; through them "
                + (async.confirmed() + async.rejected())
                + " async order(s) reached an outcome, "
                + async.completionsAfterLoad()
                + " of them after the load stopped.";
    return (sync == null ? "" : s) + a;
  }

  static String verdict(ExperimentResult r, StyleStats sync, StyleStats async) {
    if (r.verdict() == Verdict.INCONCLUSIVE) {
      return "This run cannot judge which style suits the scenario (rule R0): the cluster was"
          + " overloaded at "
          + Fmt.rate(r.experiment().load().rate())
          + " orders/s per style outside the fault (see the top of the report), so the"
          + " differences between the styles are the overload's as much as the coupling's.";
    }
    if (sync == null || async == null) {
      return "Only one style ran, so there is nothing to compare.";
    }
    long syncLedger = ledgerProblems(r.ledger(), RunStyle.SYNC);
    long asyncLedger = ledgerProblems(r.ledger(), RunStyle.ASYNC);
    if (syncLedger > 0 && asyncLedger > 0) {
      return "Neither style served this scenario (rule R1): the ledger names "
          + syncLedger
          + " sync and "
          + asyncLedger
          + " async problem order(s).";
    }
    if ((syncLedger == 0) != (asyncLedger == 0)) {
      RunStyle better = syncLedger == 0 ? RunStyle.SYNC : RunStyle.ASYNC;
      return better.text()
          + " served this scenario better (rule R1): the ledger names "
          + syncLedger
          + " sync and "
          + asyncLedger
          + " async problem order(s).";
    }
    double syncFail = rate(sync.errors(), sync.sent());
    double asyncFail = rate(async.errors(), async.sent());
    if (syncFail > LARGE_ERROR_SHARE && asyncFail > LARGE_ERROR_SHARE) {
      return String.format(
          Locale.ROOT,
          "Neither style served this scenario (rule R2): %.1f%% of sync calls (%s) and %.1f%% of"
              + " async calls (%s) failed, both more than %d%%.",
          syncFail,
          Fmt.counts(sync.errorsByStatus()),
          asyncFail,
          Fmt.counts(async.errorsByStatus()),
          LARGE_ERROR_SHARE);
    }
    if (Math.abs(syncFail - asyncFail) > 1.0) {
      RunStyle better = syncFail < asyncFail ? RunStyle.SYNC : RunStyle.ASYNC;
      return String.format(
          Locale.ROOT,
          "%s served this scenario better (rule R2): %.1f%% of sync calls failed against %.1f%%"
              + " of async calls.",
          better.text(),
          syncFail,
          asyncFail);
    }
    long syncP99 = sync.endToEnd().p99Micros();
    long asyncP99 = async.endToEnd().p99Micros();
    if (syncP99 > 0 && asyncP99 > 0) {
      double ratio = (double) Math.max(syncP99, asyncP99) / Math.min(syncP99, asyncP99);
      if (ratio > 1.2) {
        RunStyle better = syncP99 < asyncP99 ? RunStyle.SYNC : RunStyle.ASYNC;
        return better.text()
            + " served this scenario better (rule R3): end-to-end p99 "
            + Fmt.ms(syncP99)
            + " sync against "
            + Fmt.ms(asyncP99)
            + " async, with failures within 1 point ("
            + String.format(Locale.ROOT, "%.1f%% vs %.1f%%", syncFail, asyncFail)
            + ").";
      }
    }
    return "Both styles served this scenario alike (rule R4): failures "
        + String.format(Locale.ROOT, "%.1f%% vs %.1f%%", syncFail, asyncFail)
        + ", end-to-end p99 "
        + Fmt.ms(syncP99)
        + " vs "
        + Fmt.ms(asyncP99)
        + ".";
  }

  /** Ledger entries naming an order of {@code style} (entries read "id (style, ...)"). */
  static long ledgerProblems(LedgerResult l, RunStyle style) {
    String tag = "(" + style.text() + ",";
    return java.util.stream.Stream.of(
            l.neverFinal(), l.missingNotifications(), l.doubledNotifications())
        .flatMap(List::stream)
        .filter(s -> s.contains(tag))
        .count();
  }

  private static double rate(long part, long whole) {
    return whole == 0 ? 0 : 100.0 * part / whole;
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
