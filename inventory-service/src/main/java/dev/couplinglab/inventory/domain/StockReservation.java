package dev.couplinglab.inventory.domain;

import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReservationStatus;

/**
 * The one reservation an order id may have. A REFUSED one is kept so that a retry gets the same
 * answer; a RELEASED one with no SKU is a tombstone left by a Release that came first.
 */
public record StockReservation(
    String orderId,
    String sku,
    int quantity,
    ReservationStatus status,
    RejectReason rejectReason,
    String detail) {

  static StockReservation reserved(ReservationRequest request) {
    return new StockReservation(
        request.orderId(),
        request.sku(),
        request.quantity(),
        ReservationStatus.RESERVED,
        RejectReason.REJECT_REASON_UNSPECIFIED,
        "");
  }

  static StockReservation refused(ReservationRequest request, RejectReason reason, String detail) {
    return new StockReservation(
        request.orderId(),
        request.sku(),
        request.quantity(),
        ReservationStatus.REFUSED,
        reason,
        detail);
  }

  static StockReservation tombstone(String orderId) {
    return new StockReservation(
        orderId, "", 0, ReservationStatus.RELEASED, RejectReason.REJECT_REASON_UNSPECIFIED, "");
  }

  StockReservation released() {
    return new StockReservation(
        orderId, sku, quantity, ReservationStatus.RELEASED, rejectReason, detail);
  }

  boolean isFor(ReservationRequest request) {
    return sku.equals(request.sku()) && quantity == request.quantity();
  }
}
