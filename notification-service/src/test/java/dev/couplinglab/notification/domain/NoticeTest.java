package dev.couplinglab.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeTest {

  private static Notice confirmed(String orderId, String sku, int quantity) {
    return new Notice(
        orderId,
        OrderState.CONFIRMED,
        Style.SYNC,
        sku,
        quantity,
        RejectReason.REJECT_REASON_UNSPECIFIED,
        "");
  }

  private static Notice rejected(RejectReason reason, String detail) {
    return new Notice("o-1", OrderState.REJECTED, Style.ASYNC, "SKU-LAMP", 20, reason, detail);
  }

  @Test
  void confirmationSaysHowManyOfWhichSku() {
    assertThat(confirmed("o-1", "SKU-LAMP", 2).message())
        .as("message of a confirmed order")
        .isEqualTo("Order o-1 confirmed: 2 x SKU-LAMP");
  }

  @Test
  void rejectionCarriesTheSendersDetail() {
    assertThat(
            rejected(
                    RejectReason.INSUFFICIENT_STOCK,
                    "insufficient stock for SKU-LAMP: requested 20, available 10")
                .message())
        .as("message of a rejected order with a detail")
        .isEqualTo(
            "Order o-1 rejected: insufficient stock for SKU-LAMP: requested 20, available 10");
  }

  @Test
  void rejectionWithoutDetailSaysTheReason() {
    assertThat(rejected(RejectReason.INSUFFICIENT_STOCK, "").message())
        .as("message from the reject reason")
        .isEqualTo("Order o-1 rejected: insufficient stock for 20 x SKU-LAMP");
    assertThat(rejected(RejectReason.RESERVATION_RELEASED, " ").message())
        .as("message from the reject reason when the detail is blank")
        .isEqualTo("Order o-1 rejected: reservation released for 20 x SKU-LAMP");
    assertThat(rejected(RejectReason.REJECT_REASON_UNSPECIFIED, "").message())
        .as("message with neither detail nor reason")
        .isEqualTo("Order o-1 rejected: 20 x SKU-LAMP");
  }

  @Test
  void detailWithLineBreaksBecomesOneLine() {
    assertThat(rejected(RejectReason.INSUFFICIENT_STOCK, "no\nstock\r\n  left ").message())
        .as("a detail cannot split the notification over several lines")
        .isEqualTo("Order o-1 rejected: no stock left");
  }

  @Test
  void pendingOrderHasNoMessage() {
    Notice pending = new Notice("o-1", OrderState.PENDING, Style.SYNC, "SKU-LAMP", 1, null, "");
    assertThatThrownBy(pending::message)
        .as("only final outcomes are notified")
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void validNoticeBreaksNoRule() {
    assertThat(confirmed("o-1.A_b-2", "SKU-LAMP", 1000).violations())
        .as("violations of a valid notice")
        .isEmpty();
    assertThat(rejected(RejectReason.INSUFFICIENT_STOCK, "x".repeat(500)).violations())
        .as("violations of a rejection with the longest detail allowed")
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "has space", "o/1", "ünïcode"})
  void refusesMalformedOrderIds(String orderId) {
    assertThat(confirmed(orderId, "SKU-LAMP", 1).violations())
        .as("violations for order id '%s'", orderId)
        .extracting(Violation::field)
        .containsExactly("order_id");
  }

  @Test
  void refusesOrderIdsLongerThan64() {
    assertThat(confirmed("o".repeat(64), "SKU-LAMP", 1).violations())
        .as("64 characters are allowed")
        .isEmpty();
    assertThat(confirmed("o".repeat(65), "SKU-LAMP", 1).violations())
        .as("violations for 65 characters")
        .containsExactly(new Violation("order_id", "must be at most 64 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ORDER_STATE_UNSPECIFIED", "PENDING", "FAILED"})
  void refusesOutcomesThatAreNotFinalDecisions(String state) {
    Notice notice =
        new Notice("o-1", OrderState.valueOf(state), Style.SYNC, "SKU-LAMP", 1, null, "");
    assertThat(notice.violations())
        .as("violations for outcome %s", state)
        .extracting(Violation::field)
        .containsExactly("outcome");
  }

  @ParameterizedTest
  @ValueSource(ints = {-1, 0, 1001})
  void refusesQuantitiesOutsideOneToAThousand(int quantity) {
    assertThat(confirmed("o-1", "SKU-LAMP", quantity).violations())
        .as("violations for quantity %d", quantity)
        .extracting(Violation::field)
        .containsExactly("quantity");
  }

  @Test
  void refusesEmptyOrOversizedSkuAndOversizedDetail() {
    assertThat(confirmed("o-1", "", 1).violations())
        .as("violations for an empty SKU")
        .extracting(Violation::field)
        .containsExactly("sku");
    assertThat(confirmed("o-1", "S".repeat(65), 1).violations())
        .as("violations for a 65-character SKU")
        .extracting(Violation::field)
        .containsExactly("sku");
    assertThat(rejected(RejectReason.INSUFFICIENT_STOCK, "x".repeat(501)).violations())
        .as("violations for a 501-character detail")
        .extracting(Violation::field)
        .containsExactly("detail");
  }

  @Test
  void reportsEveryBrokenRuleAtOnce() {
    Notice bad = new Notice("", OrderState.PENDING, Style.SYNC, "", 0, null, "x".repeat(501));
    assertThat(bad.violations())
        .as("all violations of a notice that breaks every rule")
        .extracting(Violation::field)
        .containsExactly("order_id", "outcome", "sku", "quantity", "detail");
  }

  @Test
  void unknownStyleIsRecordedAsUnspecified() {
    Notice notice =
        new Notice("o-1", OrderState.CONFIRMED, Style.UNRECOGNIZED, "SKU-LAMP", 1, null, "");
    assertThat(notice.style())
        .as("style of a notice from a newer sender")
        .isEqualTo(Style.STYLE_UNSPECIFIED);
    assertThat(notice.violations()).as("an unknown style is not a violation").isEmpty();
  }
}
