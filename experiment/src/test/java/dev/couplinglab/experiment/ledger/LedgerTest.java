package dev.couplinglab.experiment.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.model.RunStyle;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

  private static StoredOrder order(String id, RunStyle style, OrderState state, int notifications) {
    return new StoredOrder(id, style, state, 2, true, null, notifications);
  }

  @Test
  void aCleanRunHasNothingToName() {
    List<StoredOrder> orders =
        List.of(
            order("s1", RunStyle.SYNC, OrderState.CONFIRMED, 1),
            order("a1", RunStyle.ASYNC, OrderState.CONFIRMED, 1),
            order("a2", RunStyle.ASYNC, OrderState.REJECTED, 1),
            new StoredOrder(
                "s2", RunStyle.SYNC, OrderState.FAILED, 2, false, "DEADLINE_EXCEEDED", -1),
            new StoredOrder("s3", RunStyle.SYNC, null, 2, false, "UNAVAILABLE", -1));

    LedgerResult l = Ledger.compute(orders, 100, 104);

    assertThat(l.confirmedQuantity()).as("two confirmed orders of 2").isEqualTo(4);
    assertThat(l.stockMismatch()).isZero();
    assertThat(l.stockExplanation()).isEmpty();
    assertThat(l.syncFailed()).isEqualTo(1);
    assertThat(l.clean()).isTrue();
  }

  @Test
  void namesOrdersAcceptedButNeverFinalOrLost() {
    List<StoredOrder> orders =
        List.of(
            order("a1", RunStyle.ASYNC, OrderState.PENDING, -1),
            new StoredOrder("a2", RunStyle.ASYNC, null, 2, true, null, -1));

    LedgerResult l = Ledger.compute(orders, 0, 0);

    assertThat(l.neverFinal())
        .containsExactly(
            "a1 (async, accepted, still PENDING)", "a2 (async, accepted but not stored: lost)");
    assertThat(l.clean()).isFalse();
  }

  @Test
  void explainsStockHeldForOrdersThatAreNotConfirmed() {
    List<StoredOrder> orders =
        List.of(
            order("s1", RunStyle.SYNC, OrderState.CONFIRMED, 1),
            new StoredOrder(
                "s2", RunStyle.SYNC, OrderState.FAILED, 2, false, "DEADLINE_EXCEEDED", -1));

    LedgerResult l = Ledger.compute(orders, 10, 14);

    assertThat(l.reservedDelta()).isEqualTo(4);
    assertThat(l.stockMismatch()).as("2 units held for the FAILED order").isEqualTo(2);
    assertThat(l.stockExplanation())
        .startsWith("reserved grew by 4 but confirmed orders hold 2: 2 unit(s) held")
        .contains("compensating Release");
    assertThat(l.clean()).isFalse();
  }

  @Test
  void explainsFewerUnitsThanConfirmed() {
    LedgerResult l =
        Ledger.compute(List.of(order("a1", RunStyle.ASYNC, OrderState.CONFIRMED, 1)), 10, 10);

    assertThat(l.stockMismatch()).isEqualTo(-2);
    assertThat(l.stockExplanation()).contains("2 unit(s) missing");
  }

  @Test
  void namesMissingAndDoubledNotificationsAndWhyASyncOneIsMissing() {
    List<StoredOrder> orders =
        List.of(
            new StoredOrder("s1", RunStyle.SYNC, OrderState.CONFIRMED, 2, false, "UNAVAILABLE", 0),
            order("a1", RunStyle.ASYNC, OrderState.REJECTED, 0),
            order("a2", RunStyle.ASYNC, OrderState.CONFIRMED, 2));

    LedgerResult l = Ledger.compute(orders, 0, 4);

    assertThat(l.missingNotifications())
        .containsExactly(
            "s1 (sync, CONFIRMED: the client got UNAVAILABLE, so the sync Notify failed or never ran)",
            "a1 (async, REJECTED: OrderOutcome not consumed)");
    assertThat(l.doubledNotifications()).containsExactly("a2 (async, 2 notifications)");
    assertThat(l.syncErrorsButOutcome()).isEqualTo(1);
    assertThat(l.stockMismatch()).isZero();
    assertThat(l.clean()).isFalse();
  }
}
