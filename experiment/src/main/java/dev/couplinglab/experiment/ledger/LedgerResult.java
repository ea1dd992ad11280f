package dev.couplinglab.experiment.ledger;

import java.util.List;

/**
 * The correctness ledger of a run: every list empty and the stock delta equal to the confirmed
 * quantity means nothing was lost, reserved twice, or notified wrongly.
 *
 * @param neverFinal orders accepted (or stored) but not final after recovery, as "id (style, why)"
 * @param reservedBefore the SKU's reserved count before the load
 * @param reservedAfter the SKU's reserved count after recovery
 * @param confirmedQuantity the sum of quantities of this run's stored CONFIRMED orders
 * @param stockExplanation empty when the delta matches, else one line explaining the mismatch
 * @param missingNotifications final orders with no notification, as "id (style, why)"
 * @param doubledNotifications final orders with more than one notification, as "id (n)"
 * @param syncFailed sync orders stored FAILED (a timed-out Reserve is released by compensation)
 * @param syncErrorsButOutcome sync orders whose client saw an error but which reached an outcome
 * @param cleanAtNanos when the ledger was first read clean, on the run's clock (nanoseconds after
 *     the load started), or -1 when it was not; it is first read once every order is final
 */
public record LedgerResult(
    List<String> neverFinal,
    long reservedBefore,
    long reservedAfter,
    long confirmedQuantity,
    String stockExplanation,
    List<String> missingNotifications,
    List<String> doubledNotifications,
    long syncFailed,
    long syncErrorsButOutcome,
    long cleanAtNanos) {

  /** A ledger whose reading time is not known. */
  public LedgerResult(
      List<String> neverFinal,
      long reservedBefore,
      long reservedAfter,
      long confirmedQuantity,
      String stockExplanation,
      List<String> missingNotifications,
      List<String> doubledNotifications,
      long syncFailed,
      long syncErrorsButOutcome) {
    this(
        neverFinal,
        reservedBefore,
        reservedAfter,
        confirmedQuantity,
        stockExplanation,
        missingNotifications,
        doubledNotifications,
        syncFailed,
        syncErrorsButOutcome,
        -1);
  }

  /** The same ledger, read at {@code nanos} (kept only if it is clean). */
  public LedgerResult readAt(long nanos) {
    return new LedgerResult(
        neverFinal,
        reservedBefore,
        reservedAfter,
        confirmedQuantity,
        stockExplanation,
        missingNotifications,
        doubledNotifications,
        syncFailed,
        syncErrorsButOutcome,
        clean() ? nanos : -1);
  }

  public long reservedDelta() {
    return reservedAfter - reservedBefore;
  }

  /** Units reserved beyond the confirmed orders (negative: fewer than confirmed). */
  public long stockMismatch() {
    return reservedDelta() - confirmedQuantity;
  }

  public boolean clean() {
    return neverFinal.isEmpty()
        && stockMismatch() == 0
        && missingNotifications.isEmpty()
        && doubledNotifications.isEmpty();
  }
}
