package dev.couplinglab.notification.domain;

import dev.couplinglab.platform.validation.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * A request to list notifications: one order's (when {@code orderId} is set) or the most recent
 * ones, newest first.
 */
public record ListQuery(String orderId, int limit) {

  public static final int DEFAULT_LIMIT = 100;
  public static final int MAX_LIMIT = 1000;

  public ListQuery {
    orderId = orderId == null ? "" : orderId;
  }

  public boolean isForOneOrder() {
    return !orderId.isEmpty();
  }

  /** The number of notifications to return: {@code limit}, or the default when it is 0. */
  public int effectiveLimit() {
    return limit == 0 ? DEFAULT_LIMIT : limit;
  }

  public List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    if (isForOneOrder()) {
      Notice.idViolation("order_id", orderId).ifPresent(violations::add);
    }
    if (limit < 0 || limit > MAX_LIMIT) {
      violations.add(
          new Violation("limit", "must be from 0 to " + MAX_LIMIT + " (0: default), was " + limit));
    }
    return violations;
  }
}
