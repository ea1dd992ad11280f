package dev.couplinglab.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReservationStatus;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReservationRuleTest {

  private static final ReservationRequest LAMPS = new ReservationRequest("o-1", "SKU-LAMP", 2);

  @Test
  void reservesWhenStockIsEnough() {
    Decision decision = ReservationRule.reserve(LAMPS, OptionalInt.of(10), Optional.empty());

    assertThat(decision.kind()).as("kind").isEqualTo(Decision.Kind.RESERVED);
    assertThat(decision.writes()).as("a new reservation is stored").isTrue();
    assertThat(decision.holdsStock()).as("holds stock").isTrue();
    assertThat(decision.available()).as("available after").isEqualTo(8);
    assertThat(decision.reservation())
        .as("reservation")
        .isEqualTo(
            new StockReservation(
                "o-1",
                "SKU-LAMP",
                2,
                ReservationStatus.RESERVED,
                RejectReason.REJECT_REASON_UNSPECIFIED,
                ""));
    assertThat(decision.summary()).as("log line").isEqualTo("Reserved 2 x SKU-LAMP, 8 left");
  }

  @Test
  void reservesTheLastItem() {
    Decision decision =
        ReservationRule.reserve(
            new ReservationRequest("o-1", "SKU-RARE", 1), OptionalInt.of(1), Optional.empty());

    assertThat(decision.kind()).as("kind").isEqualTo(Decision.Kind.RESERVED);
    assertThat(decision.available()).as("available after").isZero();
  }

  @Test
  void refusesWhenStockIsShortWithTheExactDetail() {
    Decision decision =
        ReservationRule.reserve(
            new ReservationRequest("o-2", "SKU-LAMP", 20), OptionalInt.of(10), Optional.empty());

    assertThat(decision.kind()).as("kind").isEqualTo(Decision.Kind.REFUSED);
    assertThat(decision.writes()).as("the refusal is stored for retries").isTrue();
    assertThat(decision.holdsStock()).as("holds stock").isFalse();
    assertThat(decision.rejectReason()).as("reason").isEqualTo(RejectReason.INSUFFICIENT_STOCK);
    assertThat(decision.detail())
        .as("detail")
        .isEqualTo("insufficient stock for SKU-LAMP: requested 20, available 10");
    assertThat(decision.reservation().status()).as("status").isEqualTo(ReservationStatus.REFUSED);
    assertThat(decision.reservation().detail()).as("stored detail").isEqualTo(decision.detail());
    assertThat(decision.available()).as("available unchanged").isEqualTo(10);
  }

  @Test
  void answersAReservedOrderAgainWithoutTakingMoreStock() {
    StockReservation earlier =
        ReservationRule.reserve(LAMPS, OptionalInt.of(10), Optional.empty()).reservation();

    Decision again = ReservationRule.reserve(LAMPS, OptionalInt.of(8), Optional.of(earlier));

    assertThat(again.kind()).as("kind").isEqualTo(Decision.Kind.REPLAYED);
    assertThat(again.writes()).as("nothing written").isFalse();
    assertThat(again.holdsStock()).as("still holds stock").isTrue();
    assertThat(again.reservation()).as("same reservation").isEqualTo(earlier);
  }

  @Test
  void answersARefusedOrderAgainWithTheSameDetailEvenWhenStockCameBack() {
    ReservationRequest tooMany = new ReservationRequest("o-2", "SKU-LAMP", 20);
    StockReservation earlier =
        ReservationRule.reserve(tooMany, OptionalInt.of(10), Optional.empty()).reservation();

    Decision again = ReservationRule.reserve(tooMany, OptionalInt.of(50), Optional.of(earlier));

    assertThat(again.kind()).as("kind").isEqualTo(Decision.Kind.REPLAYED);
    assertThat(again.writes()).as("nothing written").isFalse();
    assertThat(again.holdsStock()).as("holds stock").isFalse();
    assertThat(again.rejectReason()).as("reason").isEqualTo(RejectReason.INSUFFICIENT_STOCK);
    assertThat(again.detail())
        .as("detail")
        .isEqualTo("insufficient stock for SKU-LAMP: requested 20, available 10");
  }

  @Test
  void refusesADifferentRequestUnderAnOrderIdAlreadyUsed() {
    StockReservation earlier =
        ReservationRule.reserve(
                new ReservationRequest("o-3", "SKU-A", 2), OptionalInt.of(10), Optional.empty())
            .reservation();

    Decision other =
        ReservationRule.reserve(
            new ReservationRequest("o-3", "SKU-A", 3), OptionalInt.of(8), Optional.of(earlier));

    assertThat(other.kind()).as("kind").isEqualTo(Decision.Kind.CONFLICT);
    assertThat(other.writes()).as("nothing written").isFalse();
    assertThat(other.detail())
        .as("detail")
        .isEqualTo("order o-3 already has a reservation for 2 x SKU-A");
  }

  @Test
  void refusesAReservationAfterItsOrderWasReleased() {
    StockReservation tombstone = ReservationRule.release("o-4", Optional.empty()).reservation();

    Decision late =
        ReservationRule.reserve(
            new ReservationRequest("o-4", "SKU-LAMP", 1),
            OptionalInt.of(10),
            Optional.of(tombstone));

    assertThat(late.kind()).as("kind").isEqualTo(Decision.Kind.RELEASED);
    assertThat(late.writes()).as("nothing written").isFalse();
    assertThat(late.holdsStock()).as("holds stock").isFalse();
    assertThat(late.rejectReason()).as("reason").isEqualTo(RejectReason.RESERVATION_RELEASED);
    assertThat(late.detail()).as("detail").isEqualTo("reservation for order o-4 was released");
  }

  @Test
  void refusesAnUnknownSku() {
    Decision decision =
        ReservationRule.reserve(
            new ReservationRequest("o-5", "SKU-NOPE", 1), OptionalInt.empty(), Optional.empty());

    assertThat(decision.kind()).as("kind").isEqualTo(Decision.Kind.UNKNOWN_SKU);
    assertThat(decision.writes()).as("nothing written").isFalse();
    assertThat(decision.detail()).as("detail").isEqualTo("unknown SKU SKU-NOPE");
  }

  @Test
  void releaseGivesBackAHeldReservation() {
    StockReservation held =
        ReservationRule.reserve(LAMPS, OptionalInt.of(10), Optional.empty()).reservation();

    ReleaseDecision release = ReservationRule.release("o-1", Optional.of(held));

    assertThat(release.kind()).as("kind").isEqualTo(ReleaseDecision.Kind.GIVE_BACK);
    assertThat(release.reservation().status()).as("status").isEqualTo(ReservationStatus.RELEASED);
    assertThat(release.reservation().quantity()).as("quantity kept").isEqualTo(2);
  }

  @Test
  void releaseLeavesARefusedOrReleasedReservationAsItIs() {
    StockReservation refused =
        ReservationRule.reserve(
                new ReservationRequest("o-2", "SKU-LAMP", 20), OptionalInt.of(10), Optional.empty())
            .reservation();
    StockReservation released = ReservationRule.release("o-6", Optional.empty()).reservation();

    assertThat(ReservationRule.release("o-2", Optional.of(refused)))
        .as("release of a refusal")
        .isEqualTo(new ReleaseDecision(ReleaseDecision.Kind.UNCHANGED, refused));
    assertThat(ReservationRule.release("o-6", Optional.of(released)))
        .as("second release")
        .isEqualTo(new ReleaseDecision(ReleaseDecision.Kind.UNCHANGED, released));
  }

  @Test
  void releaseOfAnUnknownOrderLeavesATombstone() {
    ReleaseDecision release = ReservationRule.release("o-7", Optional.empty());

    assertThat(release.kind()).as("kind").isEqualTo(ReleaseDecision.Kind.TOMBSTONE);
    assertThat(release.reservation())
        .as("tombstone")
        .isEqualTo(
            new StockReservation(
                "o-7",
                "",
                0,
                ReservationStatus.RELEASED,
                RejectReason.REJECT_REASON_UNSPECIFIED,
                ""));
  }
}
