package dev.couplinglab.inventory.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.platform.validation.Violation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {

  @Test
  void acceptsAWellFormedRequest() {
    assertThat(Validation.reserve(new ReservationRequest("order-1.a_B", "SKU-LAMP", 1)))
        .as("problems")
        .isEmpty();
    assertThat(Validation.reserve(new ReservationRequest("x".repeat(64), "S".repeat(64), 1000)))
        .as("problems at the upper bounds")
        .isEmpty();
  }

  @Test
  void rejectsAnEmptyOrderId() {
    assertThat(Validation.reserve(new ReservationRequest("", "SKU-LAMP", 1)))
        .as("problems")
        .containsExactly(new Violation("order_id", "must not be empty"));
  }

  @Test
  void rejectsAnOrderIdLongerThan64Characters() {
    assertThat(Validation.orderId("x".repeat(65)))
        .as("problems")
        .containsExactly(new Violation("order_id", "must be at most 64 characters"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"has space", "slash/", "é", "semi;colon"})
  void rejectsAnOrderIdWithCharactersOutsideThePattern(String orderId) {
    assertThat(Validation.orderId(orderId))
        .as("problems for %s", orderId)
        .extracting(Violation::field)
        .containsExactly("order_id");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 1001, Integer.MIN_VALUE})
  void rejectsAQuantityOutsideOneToAThousand(int quantity) {
    assertThat(Validation.reserve(new ReservationRequest("o-1", "SKU-LAMP", quantity)))
        .as("problems for quantity %d", quantity)
        .containsExactly(new Violation("quantity", "must be from 1 to 1000, was " + quantity));
  }

  @Test
  void rejectsAnEmptyOrOversizedSku() {
    assertThat(Validation.reserve(new ReservationRequest("o-1", "", 1)))
        .as("empty sku")
        .containsExactly(new Violation("sku", "must not be empty"));
    assertThat(Validation.reserve(new ReservationRequest("o-1", "S".repeat(65), 1)))
        .as("65-char sku")
        .containsExactly(new Violation("sku", "must be at most 64 characters"));
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    assertThat(Validation.reserve(new ReservationRequest("", "", 0)))
        .as("fields with problems")
        .extracting(Violation::field)
        .containsExactly("order_id", "sku", "quantity");
  }
}
