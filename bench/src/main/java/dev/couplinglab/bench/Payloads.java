package dev.couplinglab.bench;

import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import java.util.UUID;

/** Floor payloads as large as the system's own messages, so the floors move the same bytes. */
final class Payloads {

  private static final String ORDER_ID = UUID.randomUUID().toString();
  private static final String TRACE_ID = "6b23c2fea03248e8";
  private static final long NOW_MICROS = 1_790_000_000_000_000L;

  private Payloads() {}

  /** A PlaceOrder request as the benchmark sends it. */
  static byte[] request() {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(ORDER_ID)
        .setSku("SKU-APPLE")
        .setQuantity(1)
        .setStyle(Style.SYNC)
        .setCustomerId("bench")
        .build()
        .toByteArray();
  }

  /** A CONFIRMED order as order-service answers it. */
  static byte[] response() {
    return Order.newBuilder()
        .setOrderId(ORDER_ID)
        .setSku("SKU-APPLE")
        .setQuantity(1)
        .setStyle(Style.SYNC)
        .setCustomerId("bench")
        .setState(OrderState.CONFIRMED)
        .setTraceId(TRACE_ID)
        .setCreatedAtMicros(NOW_MICROS)
        .setUpdatedAtMicros(NOW_MICROS + 1500)
        .build()
        .toByteArray();
  }

  /** An OrderPlaced event as the outbox relay publishes it. */
  static byte[] event() {
    return OrderPlaced.newBuilder()
        .setMeta(
            EventMeta.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(ORDER_ID)
                .setTraceId(TRACE_ID)
                .setStyle(Style.ASYNC)
                .setOccurredAtMicros(NOW_MICROS))
        .setSku("SKU-APPLE")
        .setQuantity(1)
        .build()
        .toByteArray();
  }

  /** The record key the services use: the order id. */
  static String key() {
    return ORDER_ID;
  }
}
