package dev.couplinglab.experiment.ledger;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.model.RunStyle;
import java.util.ArrayList;
import java.util.List;

/** The ledger's arithmetic over what the services store: pure, so it can be checked by hand. */
public final class Ledger {

  private Ledger() {}

  public static LedgerResult compute(
      List<StoredOrder> orders, long reservedBefore, long reservedAfter) {
    List<String> neverFinal = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    List<String> doubled = new ArrayList<>();
    long confirmedQuantity = 0;
    long syncFailed = 0;
    long syncErrorsButOutcome = 0;
    for (StoredOrder o : orders) {
      String style = o.style().text();
      if (o.state() == null) {
        if (o.clientAccepted()) {
          neverFinal.add(o.orderId() + " (" + style + ", accepted but not stored: lost)");
        }
        continue;
      }
      if (o.state() == OrderState.PENDING) {
        neverFinal.add(
            o.orderId()
                + " ("
                + style
                + (o.clientAccepted() ? ", accepted, still PENDING)" : ", stored, still PENDING)"));
        continue;
      }
      if (o.state() == OrderState.CONFIRMED) {
        confirmedQuantity += o.quantity();
      }
      if (o.style() == RunStyle.SYNC && o.state() == OrderState.FAILED) {
        syncFailed++;
      }
      if (o.style() == RunStyle.SYNC && o.clientError() != null && o.isOutcome()) {
        syncErrorsButOutcome++;
      }
      if (o.isOutcome() && o.notifications() == 0) {
        missing.add(o.orderId() + " (" + style + ", " + o.state() + whyMissing(o) + ")");
      } else if (o.isOutcome() && o.notifications() > 1) {
        doubled.add(o.orderId() + " (" + style + ", " + o.notifications() + " notifications)");
      }
    }
    long delta = reservedAfter - reservedBefore;
    return new LedgerResult(
        List.copyOf(neverFinal),
        reservedBefore,
        reservedAfter,
        confirmedQuantity,
        explainStock(delta, confirmedQuantity),
        List.copyOf(missing),
        List.copyOf(doubled),
        syncFailed,
        syncErrorsButOutcome);
  }

  private static String whyMissing(StoredOrder o) {
    if (o.style() == RunStyle.SYNC && o.clientError() != null) {
      return ": the client got " + o.clientError() + ", so the sync Notify failed or never ran";
    }
    return o.style() == RunStyle.ASYNC ? ": OrderOutcome not consumed" : "";
  }

  static String explainStock(long delta, long confirmed) {
    if (delta == confirmed) {
      return "";
    }
    if (delta > confirmed) {
      return "reserved grew by "
          + delta
          + " but confirmed orders hold "
          + confirmed
          + ": "
          + (delta - confirmed)
          + " unit(s) held for orders that are not CONFIRMED (a FAILED sync order whose"
          + " compensating Release did not land, or a reservation made twice), or taken by"
          + " another client of the same SKU during the run";
    }
    return "reserved grew by "
        + delta
        + " but confirmed orders hold "
        + confirmed
        + ": "
        + (confirmed - delta)
        + " unit(s) missing (a Release hit a CONFIRMED order, or another client released stock"
        + " of the same SKU during the run)";
  }
}
