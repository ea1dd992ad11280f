package dev.couplinglab.inventory.domain;

import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReservationStatus;

/**
 * What {@link ReservationRule#reserve} decided for one request.
 *
 * @param kind what happened, and so what the store must write and the caller must answer
 * @param reservation the order's reservation after the decision; null for CONFLICT and UNKNOWN_SKU
 * @param detail the text a refused caller reads (gRPC description, StockDecision.detail); empty
 *     when the stock is held
 * @param available the SKU's available stock after the decision
 */
public record Decision(Kind kind, StockReservation reservation, String detail, int available) {

  /** The possible outcomes; only RESERVED and REFUSED write anything. */
  public enum Kind {
    /** New reservation: take the stock. */
    RESERVED,
    /** New refusal: record it so a retry gets the same answer. */
    REFUSED,
    /** The same request again: answer as the first time, write nothing. */
    REPLAYED,
    /** The order was released before this request: refuse, write nothing. */
    RELEASED,
    /** The order id already has a reservation for something else: write nothing. */
    CONFLICT,
    /** No such SKU: write nothing. */
    UNKNOWN_SKU
  }

  /** True when the new state must be stored. */
  public boolean writes() {
    return kind == Kind.RESERVED || kind == Kind.REFUSED;
  }

  /** True when the order holds its stock, whether reserved now or by an earlier request. */
  public boolean holdsStock() {
    return (kind == Kind.RESERVED || kind == Kind.REPLAYED)
        && reservation.status() == ReservationStatus.RESERVED;
  }

  /** Why the order does not hold stock; unspecified when it does, or for a bad request. */
  public RejectReason rejectReason() {
    return switch (kind) {
      case REFUSED, REPLAYED -> reservation.rejectReason();
      case RELEASED -> RejectReason.RESERVATION_RELEASED;
      default -> RejectReason.REJECT_REASON_UNSPECIFIED;
    };
  }

  /** One line for the log, without the payload. */
  public String summary() {
    return switch (kind) {
      case RESERVED ->
          "Reserved " + quantityOf() + " x " + reservation.sku() + ", " + available + " left";
      case REFUSED -> "Refused " + quantityOf() + " x " + reservation.sku() + ": " + detail;
      case REPLAYED ->
          "Repeated the earlier decision "
              + reservation.status()
              + " for "
              + quantityOf()
              + " x "
              + reservation.sku()
              + (detail.isEmpty() ? "" : ": " + detail);
      case RELEASED, CONFLICT, UNKNOWN_SKU -> "Refused: " + detail;
    };
  }

  private int quantityOf() {
    return reservation.quantity();
  }
}
