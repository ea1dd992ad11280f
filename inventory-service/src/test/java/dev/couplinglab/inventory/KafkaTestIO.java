package dev.couplinglab.inventory;

import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.Style;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients for tests: what order-service would send, what it would read. */
final class KafkaTestIO {

  private KafkaTestIO() {}

  static KafkaProducer<String, byte[]> producer(String bootstrapServers) {
    return new KafkaProducer<>(
        Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
        new StringSerializer(),
        new ByteArraySerializer());
  }

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

  static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a topic from its start in a group of its own and keeps every record it saw. */
  static final class Collector implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    Collector(String bootstrapServers, String topic) {
      consumer =
          new KafkaConsumer<>(
              Map.of(
                  "bootstrap.servers",
                  bootstrapServers,
                  "group.id",
                  "test-" + UUID.randomUUID(),
                  "auto.offset.reset",
                  "earliest"),
              new StringDeserializer(),
              new ByteArrayDeserializer());
      consumer.subscribe(List.of(topic));
    }

    /** Polls until the records seen with {@code key} satisfy {@code done}; returns them. */
    List<ConsumerRecord<String, byte[]>> awaitFor(
        String key, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return done.test(withKey(key));
              });
      return withKey(key);
    }

    /** Polls until every record seen satisfies {@code done}; returns them all. */
    List<ConsumerRecord<String, byte[]>> awaitAll(
        Predicate<List<ConsumerRecord<String, byte[]>>> done) {
      await()
          .atMost(Duration.ofSeconds(60))
          .pollInSameThread()
          .pollInterval(Duration.ofMillis(10))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return done.test(List.copyOf(seen));
              });
      return List.copyOf(seen);
    }

    /** Polls once more and returns what was seen with {@code key} so far. */
    List<ConsumerRecord<String, byte[]>> seenNow(String key) {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
      return withKey(key);
    }

    private List<ConsumerRecord<String, byte[]>> withKey(String key) {
      return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    @Override
    public void close() {
      consumer.close(Duration.ofSeconds(5));
    }
  }
}
