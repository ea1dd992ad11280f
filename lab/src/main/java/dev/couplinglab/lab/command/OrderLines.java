package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.lab.Durations;
import java.util.Locale;

/** How an order is written for a person, one line per fact. */
final class OrderLines {

  private OrderLines() {}

  static boolean isFinal(OrderState state) {
    return state == OrderState.CONFIRMED
        || state == OrderState.REJECTED
        || state == OrderState.FAILED;
  }

  /** {@code order 7f3c sync CONFIRMED in 4.1 ms (SKU-LAMP x 2)}, or the acceptance of async. */
  static String placed(Order order, long nanos) {
    String head = head(order);
    if (order.getStyle() == Style.ASYNC) {
      return head + ", accepted in " + Durations.millis(nanos) + outcome(order);
    }
    return head + " in " + Durations.millis(nanos) + outcome(order);
  }

  /** {@code order 7f3c async CONFIRMED after 35.2 ms end to end}. */
  static String finished(Order order, long nanos) {
    String why = order.getState() == OrderState.CONFIRMED ? "" : outcome(order);
    return head(order) + " after " + Durations.millis(nanos) + " end to end" + why;
  }

  static String trace(Order order) {
    return "  traceId "
        + (order.getTraceId().isEmpty() ? "-" : order.getTraceId())
        + "   (lab trace "
        + order.getOrderId()
        + ", lab logs --order "
        + order.getOrderId()
        + ")";
  }

  static String style(Style style) {
    return switch (style) {
      case SYNC, ASYNC -> style.name().toLowerCase(Locale.ROOT);
      default -> "?";
    };
  }

  /** The reason behind a refusal or failure, or the items of a confirmed order. */
  static String reason(Order order) {
    StringBuilder reason = new StringBuilder();
    if (order.getRejectReason() != RejectReason.REJECT_REASON_UNSPECIFIED) {
      reason.append(order.getRejectReason().name());
    }
    if (!order.getDetail().isEmpty()) {
      reason.append(reason.length() > 0 ? " " : "").append(order.getDetail());
    }
    return reason.toString();
  }

  private static String head(Order order) {
    return "order " + order.getOrderId() + " " + style(order.getStyle()) + " " + order.getState();
  }

  private static String outcome(Order order) {
    return switch (order.getState()) {
      case CONFIRMED -> " (" + order.getSku() + " x " + order.getQuantity() + ")";
      case REJECTED, FAILED -> reason(order).isEmpty() ? "" : ": " + reason(order);
      default -> "";
    };
  }
}
