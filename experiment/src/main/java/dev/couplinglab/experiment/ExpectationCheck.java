package dev.couplinglab.experiment;

import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.RecoveryTime;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.Expectations;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.model.StatusShare;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Marks each expectation of the experiment file PASS or FAIL against the run's numbers. */
public final class ExpectationCheck {

  private ExpectationCheck() {}

  /** The expectations that need neither the order records nor the fault windows. */
  public static List<ExpectationResult> evaluate(
      Expectations expected, Map<RunStyle, StyleStats> styles, LedgerResult ledger) {
    return evaluate(expected, styles, ledger, List.of(), List.of());
  }

  public static List<ExpectationResult> evaluate(
      Expectations expected,
      Map<RunStyle, StyleStats> styles,
      LedgerResult ledger,
      List<OrderRecord> orders,
      List<FaultWindow> windows) {
    List<ExpectationResult> out = new ArrayList<>();
    if (expected.syncErrorsDuringFault() != null) {
      StyleStats sync = styles.get(RunStyle.SYNC);
      boolean want = expected.syncErrorsDuringFault();
      if (sync == null) {
        out.add(result("sync_errors_during_fault", want, "sync did not run", false));
      } else {
        long n = sync.errorsDuringFault();
        out.add(
            result(
                "sync_errors_during_fault",
                want,
                n + " sync error(s) during fault windows",
                want == (n > 0)));
      }
    }
    if (expected.asyncAcceptErrors() != null) {
      StyleStats async = styles.get(RunStyle.ASYNC);
      long n = async == null ? -1 : async.errors();
      out.add(
          new ExpectationResult(
              "async_accept_errors",
              "at most " + expected.asyncAcceptErrors(),
              async == null ? "async did not run" : n + " async PlaceOrder error(s)",
              async != null && n <= expected.asyncAcceptErrors()));
    }
    if (expected.ledgerClean() != null) {
      boolean want = expected.ledgerClean();
      out.add(
          result(
              "ledger_clean",
              want,
              ledger.clean() ? "ledger clean" : "ledger has problems",
              want == ledger.clean()));
    }
    for (StatusShare share : expected.statusDuringFault()) {
      out.add(statusShare(share, orders, windows));
    }
    if (expected.recoveredWithin() != null) {
      long bound = expected.recoveredWithin().toMillis();
      List<String> times = new ArrayList<>();
      boolean held = !styles.isEmpty();
      for (StyleStats s : styles.values()) {
        RecoveryTime t = s.recovery();
        times.add(s.style().text() + " " + t.text());
        held &= t.state() == RecoveryTime.State.RECOVERED && t.millis() <= bound;
      }
      out.add(
          new ExpectationResult(
              "recovered_within",
              "every style within " + DurationText.format(expected.recoveredWithin()),
              String.join(", ", times),
              held));
    }
    return out;
  }

  /** Of the style's orders due in a window, the share that ended with the code (OK: accepted). */
  private static ExpectationResult statusShare(
      StatusShare share, List<OrderRecord> orders, List<FaultWindow> windows) {
    long due = 0;
    long matched = 0;
    for (OrderRecord o : orders) {
      long t = o.intendedNanos();
      if (o.style() != share.style() || windows.stream().noneMatch(w -> w.covers(t))) {
        continue;
      }
      due++;
      String code = o.accepted() ? "OK" : o.errorCode();
      if (share.code().equals(code)) {
        matched++;
      }
    }
    double percent = due == 0 ? 0 : 100.0 * matched / due;
    String actual =
        due == 0
            ? "no " + share.style().text() + " order due in a fault window"
            : String.format(
                Locale.ROOT,
                "%.1f%% (%d of %d %s orders due in the fault windows)",
                percent,
                matched,
                due,
                share.style().text());
    return new ExpectationResult(
        "status_during_fault", share.describe(), actual, due > 0 && share.holds(percent));
  }

  private static ExpectationResult result(
      String name, boolean expected, String actual, boolean passed) {
    return new ExpectationResult(name, String.valueOf(expected), actual, passed);
  }
}
