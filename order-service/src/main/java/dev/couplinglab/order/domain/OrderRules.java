package dev.couplinglab.order.domain;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** What a valid order request is, and what counts as "the same order" for idempotency. */
public final class OrderRules {

  public static final int MAX_QUANTITY = 1000;
  public static final int MAX_TEXT = 64;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private OrderRules() {}

  /** Every problem with {@code request}; empty when it may be placed. */
  public static List<Violation> validate(PlaceOrderRequest request) {
    List<Violation> violations = new ArrayList<>();
    if (!request.getOrderId().isEmpty() && !ID.matcher(request.getOrderId()).matches()) {
      violations.add(
          new Violation("order_id", "must be 1 to 64 of [A-Za-z0-9._-], or empty to generate one"));
    }
    if (request.getSku().isEmpty()) {
      violations.add(new Violation("sku", "is required"));
    } else if (request.getSku().length() > MAX_TEXT) {
      violations.add(new Violation("sku", "is longer than " + MAX_TEXT + " characters"));
    } else if (hasControl(request.getSku())) {
      violations.add(new Violation("sku", CONTROL));
    }
    if (request.getQuantity() <= 0 || request.getQuantity() > MAX_QUANTITY) {
      violations.add(
          new Violation(
              "quantity", "must be from 1 to " + MAX_QUANTITY + ", was " + request.getQuantity()));
    }
    if (request.getStyle() != Style.SYNC && request.getStyle() != Style.ASYNC) {
      violations.add(new Violation("style", "must be SYNC or ASYNC"));
    }
    if (request.getCustomerId().length() > MAX_TEXT) {
      violations.add(new Violation("customer_id", "is longer than " + MAX_TEXT + " characters"));
    } else if (hasControl(request.getCustomerId())) {
      violations.add(new Violation("customer_id", CONTROL));
    }
    return violations;
  }

  private static final String CONTROL =
      "must not contain control or formatting characters (newline, NUL, ESC, bidi overrides)";

  /**
   * True when {@code text} holds a character a terminal or a log line would act on rather than
   * show: C0 and C1 controls (newline, NUL, ESC...) and Unicode format characters (bidi overrides).
   */
  static boolean hasControl(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
        return true;
      }
    }
    return false;
  }

  public static boolean isValidOrderId(String orderId) {
    return ID.matcher(orderId).matches();
  }

  /** True when {@code existing} was placed by a request with the same content. */
  public static boolean sameRequest(Order existing, PlaceOrderRequest request) {
    return existing.getSku().equals(request.getSku())
        && existing.getQuantity() == request.getQuantity()
        && existing.getStyle() == request.getStyle()
        && existing.getCustomerId().equals(request.getCustomerId());
  }

  public static boolean isFinal(OrderState state) {
    return state == OrderState.CONFIRMED
        || state == OrderState.REJECTED
        || state == OrderState.FAILED;
  }

  /** The outcome a notification reports; FAILED orders are not notified (no outcome is known). */
  public static boolean isOutcome(OrderState state) {
    return state == OrderState.CONFIRMED || state == OrderState.REJECTED;
  }
}
