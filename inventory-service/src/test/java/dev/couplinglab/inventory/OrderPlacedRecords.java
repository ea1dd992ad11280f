package dev.couplinglab.inventory;

import static dev.couplinglab.testkit.RawProducer.utf8;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.Style;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/** What order-service would send to inventory-service: OrderPlaced events and their records. */
final class OrderPlacedRecords {

  private OrderPlacedRecords() {}

  static OrderPlaced orderPlaced(String orderId, String traceId, String sku, int quantity) {
    return OrderPlaced.newBuilder()
        .setMeta(
            EventMeta.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setTraceId(traceId)
                .setStyle(Style.ASYNC)
                .setOccurredAtMicros(System.currentTimeMillis() * 1000))
        .setSku(sku)
        .setQuantity(quantity)
        .build();
  }

  /**
   * The record order-service's relay writes for a row stored outside any trace: key order id, event
   * id header, no traceparent.
   */
  static ProducerRecord<String, byte[]> record(OrderPlaced event) {
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(
            Topics.ORDERS.name(), event.getMeta().getOrderId(), event.toByteArray());
    record.headers().add(Topics.HEADER_EVENT_ID, utf8(event.getMeta().getEventId()));
    return record;
  }
}
