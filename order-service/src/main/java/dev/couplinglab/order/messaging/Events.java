package dev.couplinglab.order.messaging;

import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.order.domain.Micros;
import java.util.UUID;

/** Builds the events order-service publishes. Each gets a fresh event id. */
public final class Events {

  private Events() {}

  public static OrderPlaced placed(Order order) {
    return OrderPlaced.newBuilder()
        .setMeta(meta(order))
        .setSku(order.getSku())
        .setQuantity(order.getQuantity())
        .build();
  }

  public static OrderOutcome outcome(Order order) {
    return OrderOutcome.newBuilder()
        .setMeta(meta(order))
        .setSku(order.getSku())
        .setQuantity(order.getQuantity())
        .setState(order.getState())
        .setRejectReason(order.getRejectReason())
        .setDetail(order.getDetail())
        .build();
  }

  private static EventMeta meta(Order order) {
    return EventMeta.newBuilder()
        .setEventId(UUID.randomUUID().toString())
        .setOrderId(order.getOrderId())
        .setTraceId(order.getTraceId())
        .setStyle(order.getStyle())
        .setOccurredAtMicros(Micros.now())
        .build();
  }
}
