package dev.couplinglab.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.validation.Violation;
import org.junit.jupiter.api.Test;

class OrderRulesTest {

  private static PlaceOrderRequest.Builder valid() {
    return PlaceOrderRequest.newBuilder()
        .setOrderId("o-1")
        .setSku("SKU-LAMP")
        .setQuantity(2)
        .setStyle(Style.SYNC);
  }

  @Test
  void acceptsAValidRequestWithOrWithoutAnOrderId() {
    assertThat(OrderRules.validate(valid().build())).as("with id").isEmpty();
    assertThat(OrderRules.validate(valid().clearOrderId().build())).as("without id").isEmpty();
  }

  @Test
  void refusesControlAndFormattingCharactersInFreeText() {
    for (String bad : new String[] {"a\nb", "a\u0000", "\u001b[31mred", "x\u202eevil", "\u0085"}) {
      assertThat(OrderRules.validate(valid().setCustomerId(bad).build()))
          .as("customer_id " + bad.codePoints().boxed().toList())
          .extracting(Violation::field)
          .containsExactly("customer_id");
      assertThat(OrderRules.validate(valid().setSku("SKU" + bad).build()))
          .as("sku " + bad.codePoints().boxed().toList())
          .extracting(Violation::field)
          .containsExactly("sku");
    }
    assertThat(OrderRules.validate(valid().setCustomerId("Zoë Ünal-O'Brien").build()))
        .as("letters of any script are fine")
        .isEmpty();
  }

  @Test
  void rejectsQuantityOutOfRange() {
    assertThat(OrderRules.validate(valid().setQuantity(0).build()))
        .extracting(Violation::field)
        .as("zero")
        .containsExactly("quantity");
    assertThat(OrderRules.validate(valid().setQuantity(-3).build()))
        .extracting(Violation::field)
        .as("negative")
        .containsExactly("quantity");
    assertThat(OrderRules.validate(valid().setQuantity(1001).build()))
        .extracting(Violation::field)
        .as("above the maximum")
        .containsExactly("quantity");
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    PlaceOrderRequest bad =
        PlaceOrderRequest.newBuilder()
            .setOrderId("has spaces")
            .setQuantity(0)
            .setCustomerId("c".repeat(65))
            .build();
    assertThat(OrderRules.validate(bad))
        .extracting(Violation::field)
        .as("every problem of the request")
        .containsExactlyInAnyOrder("order_id", "sku", "quantity", "style", "customer_id");
  }

  @Test
  void rejectsOversizedIds() {
    assertThat(OrderRules.validate(valid().setOrderId("x".repeat(65)).build()))
        .extracting(Violation::field)
        .containsExactly("order_id");
    assertThat(OrderRules.validate(valid().setSku("S".repeat(65)).build()))
        .extracting(Violation::field)
        .containsExactly("sku");
  }

  @Test
  void treatsOnlyIdenticalContentAsTheSameOrder() {
    Order stored =
        Order.newBuilder()
            .setOrderId("o-1")
            .setSku("SKU-LAMP")
            .setQuantity(2)
            .setStyle(Style.SYNC)
            .build();
    assertThat(OrderRules.sameRequest(stored, valid().build())).as("same content").isTrue();
    assertThat(OrderRules.sameRequest(stored, valid().setQuantity(3).build()))
        .as("other quantity")
        .isFalse();
    assertThat(OrderRules.sameRequest(stored, valid().setStyle(Style.ASYNC).build()))
        .as("other style")
        .isFalse();
  }
}
