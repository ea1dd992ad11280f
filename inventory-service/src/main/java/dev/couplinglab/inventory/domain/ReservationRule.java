package dev.couplinglab.inventory.domain;

import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReservationStatus;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The reservation rule, shared by the gRPC Reserve (sync style) and the OrderPlaced consumer (async
 * style), so both refuse the same order with the same reason and text. Idempotent by order id: an
 * order id is decided once, and every later request for it gets that first answer.
 */
public final class ReservationRule {

  private ReservationRule() {}

  /**
   * Decides a valid request (see {@link Validation}).
   *
   * @param available the SKU's available stock; empty when the SKU is unknown
   * @param existing the reservation already stored for the order id, if any
   */
  public static Decision reserve(
      ReservationRequest request, OptionalInt available, Optional<StockReservation> existing) {
    if (available.isEmpty()) {
      return new Decision(Decision.Kind.UNKNOWN_SKU, null, "unknown SKU " + request.sku(), 0);
    }
    int stock = available.getAsInt();
    if (existing.isPresent()) {
      return again(request, existing.get(), stock);
    }
    if (request.quantity() <= stock) {
      return new Decision(
          Decision.Kind.RESERVED,
          StockReservation.reserved(request),
          "",
          stock - request.quantity());
    }
    String detail =
        "insufficient stock for "
            + request.sku()
            + ": requested "
            + request.quantity()
            + ", available "
            + stock;
    return new Decision(
        Decision.Kind.REFUSED,
        StockReservation.refused(request, RejectReason.INSUFFICIENT_STOCK, detail),
        detail,
        stock);
  }

  /** Decides a release of {@code orderId}'s reservation, which may not exist yet. */
  public static ReleaseDecision release(String orderId, Optional<StockReservation> existing) {
    if (existing.isEmpty()) {
      return new ReleaseDecision(
          ReleaseDecision.Kind.TOMBSTONE, StockReservation.tombstone(orderId));
    }
    StockReservation reservation = existing.get();
    if (reservation.status() == ReservationStatus.RESERVED) {
      return new ReleaseDecision(ReleaseDecision.Kind.GIVE_BACK, reservation.released());
    }
    return new ReleaseDecision(ReleaseDecision.Kind.UNCHANGED, reservation);
  }

  private static Decision again(ReservationRequest request, StockReservation existing, int stock) {
    if (existing.status() == ReservationStatus.RELEASED) {
      return new Decision(
          Decision.Kind.RELEASED,
          existing,
          "reservation for order " + request.orderId() + " was released",
          stock);
    }
    if (!existing.isFor(request)) {
      return new Decision(
          Decision.Kind.CONFLICT,
          null,
          "order "
              + request.orderId()
              + " already has a reservation for "
              + existing.quantity()
              + " x "
              + existing.sku(),
          stock);
    }
    return new Decision(Decision.Kind.REPLAYED, existing, existing.detail(), stock);
  }
}
