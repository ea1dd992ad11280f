package dev.couplinglab.experiment;

import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.Expectations;
import dev.couplinglab.experiment.model.RunStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Marks each expectation of the experiment file PASS or FAIL against the run's numbers. */
public final class ExpectationCheck {

  private ExpectationCheck() {}

  public static List<ExpectationResult> evaluate(
      Expectations expected, Map<RunStyle, StyleStats> styles, LedgerResult ledger) {
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
    return out;
  }

  private static ExpectationResult result(
      String name, boolean expected, String actual, boolean passed) {
    return new ExpectationResult(name, String.valueOf(expected), actual, passed);
  }
}
