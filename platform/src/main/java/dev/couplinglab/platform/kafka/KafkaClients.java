package dev.couplinglab.platform.kafka;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers, consumers and admin clients configured the same way everywhere. */
public final class KafkaClients {

  /**
   * How long a service waits for a producer to close: one with unsent records and no broker would
   * otherwise wait forever ({@code Producer.close()} has no bound).
   */
  public static final Duration PRODUCER_CLOSE = Duration.ofSeconds(5);

  private KafkaClients() {}

  /**
   * acks=all and idempotence: a retried send is written once, in order per partition. No linger: an
   * event leaves at once (each hop of the async chain would otherwise wait for it), and under load
   * records still batch while earlier requests are in flight. Timeouts are shorter than the
   * defaults so that a send to an unreachable cluster fails within 30 s and the outbox relay
   * retries it, rather than blocking for minutes.
   */
  public static Producer<String, byte[]> producer(KafkaSettings settings, String role) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.bootstrapServers(),
            ProducerConfig.CLIENT_ID_CONFIG,
            settings.clientIdPrefix() + "-" + role,
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            0,
            ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
            10_000,
            ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
            30_000,
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  /** Auto-commit off: {@link EventConsumer} commits after the effect is durable. */
  public static Consumer<String, byte[]> consumer(KafkaSettings settings, String groupId) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.bootstrapServers(),
            ConsumerConfig.CLIENT_ID_CONFIG,
            settings.clientIdPrefix() + "-consumer",
            ConsumerConfig.GROUP_ID_CONFIG,
            groupId,
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            200),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }

  public static Admin admin(KafkaSettings settings) {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            settings.bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            settings.clientIdPrefix() + "-admin"));
  }
}
