package dev.couplinglab.inventory.domain;

import dev.couplinglab.platform.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The field rules for reservation requests and events. Returns every problem at once, so a caller
 * can fix them all; an empty list means the input is valid.
 */
public final class Validation {

  public static final int MAX_ID_LENGTH = 64;
  public static final int MAX_QUANTITY = 1000;
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]+");

  private Validation() {}

  public static List<Violation> reserve(ReservationRequest request) {
    List<Violation> problems = new ArrayList<>(orderId(request.orderId()));
    String sku = request.sku();
    if (sku == null || sku.isEmpty()) {
      problems.add(new Violation("sku", "must not be empty"));
    } else if (sku.length() > MAX_ID_LENGTH) {
      problems.add(new Violation("sku", "must be at most " + MAX_ID_LENGTH + " characters"));
    }
    if (request.quantity() < 1 || request.quantity() > MAX_QUANTITY) {
      problems.add(
          new Violation(
              "quantity", "must be from 1 to " + MAX_QUANTITY + ", was " + request.quantity()));
    }
    return problems;
  }

  public static List<Violation> orderId(String orderId) {
    if (orderId == null || orderId.isEmpty()) {
      return List.of(new Violation("order_id", "must not be empty"));
    }
    if (orderId.length() > MAX_ID_LENGTH) {
      return List.of(new Violation("order_id", "must be at most " + MAX_ID_LENGTH + " characters"));
    }
    if (!ID.matcher(orderId).matches()) {
      return List.of(
          new Violation("order_id", "may contain only letters, digits, '.', '_' and '-'"));
    }
    return List.of();
  }
}
