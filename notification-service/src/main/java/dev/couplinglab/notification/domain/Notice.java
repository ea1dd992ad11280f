package dev.couplinglab.notification.domain;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An order's outcome as notification-service sees it, whether it came from a Notify call or an
 * OrderOutcome event: the rules it must follow to be recorded, and the text a person reads.
 */
public record Notice(
    String orderId,
    OrderState outcome,
    Style style,
    String sku,
    int quantity,
    RejectReason rejectReason,
    String detail) {

  public static final int MAX_ID_LENGTH = 64;
  public static final int MAX_QUANTITY = 1000;
  public static final int MAX_DETAIL_LENGTH = 500;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public Notice {
    // An unknown style (a newer sender) is recorded as unspecified rather than refused.
    style = style == Style.SYNC || style == Style.ASYNC ? style : Style.STYLE_UNSPECIFIED;
    sku = sku == null ? "" : sku;
    detail = detail == null ? "" : detail;
    rejectReason = rejectReason == null ? RejectReason.REJECT_REASON_UNSPECIFIED : rejectReason;
  }

  /** True for an identifier of 1 to 64 characters from {@code [A-Za-z0-9._-]}. */
  public static boolean isId(String value) {
    return value != null && ID.matcher(value).matches();
  }

  /** Every rule this notice breaks; empty when it may be recorded. */
  public List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    idViolation("order_id", orderId).ifPresent(violations::add);
    if (outcome != OrderState.CONFIRMED && outcome != OrderState.REJECTED) {
      violations.add(new Violation("outcome", "must be CONFIRMED or REJECTED, was " + outcome));
    }
    if (sku.isBlank()) {
      violations.add(new Violation("sku", "must not be empty"));
    } else if (sku.length() > MAX_ID_LENGTH) {
      violations.add(new Violation("sku", "must be at most " + MAX_ID_LENGTH + " characters"));
    }
    if (quantity < 1 || quantity > MAX_QUANTITY) {
      violations.add(
          new Violation("quantity", "must be from 1 to " + MAX_QUANTITY + ", was " + quantity));
    }
    if (detail.length() > MAX_DETAIL_LENGTH) {
      violations.add(
          new Violation("detail", "must be at most " + MAX_DETAIL_LENGTH + " characters"));
    }
    return violations;
  }

  /** The problem with {@code value} as an identifier named {@code field}, if any. */
  public static Optional<Violation> idViolation(String field, String value) {
    if (value == null || value.isEmpty()) {
      return Optional.of(new Violation(field, "must not be empty"));
    }
    if (value.length() > MAX_ID_LENGTH) {
      return Optional.of(new Violation(field, "must be at most " + MAX_ID_LENGTH + " characters"));
    }
    if (!isId(value)) {
      return Optional.of(new Violation(field, "must match [A-Za-z0-9._-]{1,64}"));
    }
    return Optional.empty();
  }

  /**
   * The text recorded for this outcome, e.g. {@code Order o-1 confirmed: 2 x SKU-LAMP}. A rejection
   * says why: the sender's detail when it gave one, else the reject reason.
   *
   * @throws IllegalStateException for an outcome other than CONFIRMED or REJECTED
   */
  public String message() {
    String items = quantity + " x " + sku;
    return switch (outcome) {
      case CONFIRMED -> "Order " + orderId + " confirmed: " + items;
      case REJECTED -> "Order " + orderId + " rejected: " + why(items);
      default -> throw new IllegalStateException("no message for an order that is " + outcome);
    };
  }

  private String why(String items) {
    if (!detail.isBlank()) {
      // One line per notification, whatever the sender put in its detail.
      return detail.strip().replaceAll("\\s+", " ");
    }
    return switch (rejectReason) {
      case INSUFFICIENT_STOCK -> "insufficient stock for " + items;
      case RESERVATION_RELEASED -> "reservation released for " + items;
      default -> items;
    };
  }
}
