package dev.couplinglab.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes records of bytes as a test gives them, value and headers untouched: what a service would
 * publish, or bytes no service could parse (poison). Each send waits for the broker's ack ({@code
 * acks=all}), so the record is on the topic when it returns.
 */
public final class RawProducer implements AutoCloseable {

  /** How long one send may wait for its ack. */
  public static final Duration SEND_BOUND = Duration.ofSeconds(30);

  private final KafkaProducer<String, byte[]> producer;

  private RawProducer(String bootstrapServers) {
    producer =
        new KafkaProducer<>(
            Map.<String, Object>of("bootstrap.servers", bootstrapServers, "acks", "all"),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  public static RawProducer open(String bootstrapServers) {
    return new RawProducer(bootstrapServers);
  }

  /** A header whose value is {@code value} in UTF-8. */
  public static Header header(String name, String value) {
    return new RecordHeader(name, utf8(value));
  }

  public static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Sends {@code record} and waits for its ack; returns where it was written. */
  public RecordMetadata send(ProducerRecord<String, byte[]> record)
      throws InterruptedException, ExecutionException, TimeoutException {
    return producer.send(record).get(SEND_BOUND.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Sends one record to {@code partition} of {@code topic} (null: the partition of its key) and
   * waits for its ack.
   */
  public RecordMetadata send(
      String topic, Integer partition, String key, byte[] value, Header... headers)
      throws InterruptedException, ExecutionException, TimeoutException {
    return send(new ProducerRecord<>(topic, partition, key, value, List.of(headers)));
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
