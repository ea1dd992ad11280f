package dev.couplinglab.inventory.domain;

/**
 * What {@link ReservationRule#release} decided.
 *
 * @param kind what the store must write
 * @param reservation the order's reservation after the release
 */
public record ReleaseDecision(Kind kind, StockReservation reservation) {

  /** The possible outcomes of a release. */
  public enum Kind {
    /** The order held stock: give it back and mark the reservation RELEASED. */
    GIVE_BACK,
    /** Nothing held (refused, or released already): answer as is, write nothing. */
    UNCHANGED,
    /** No reservation yet: store a RELEASED tombstone so a late Reserve is refused. */
    TOMBSTONE
  }

  public String summary() {
    return switch (kind) {
      case GIVE_BACK ->
          "Released " + reservation.quantity() + " x " + reservation.sku() + " back to stock";
      case UNCHANGED ->
          "Release of a " + reservation.status() + " reservation: nothing to give back";
      case TOMBSTONE -> "Release before any reservation: later reservations are refused";
    };
  }
}
