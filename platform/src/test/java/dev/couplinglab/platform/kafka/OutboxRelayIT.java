package dev.couplinglab.platform.kafka;

import static dev.couplinglab.testkit.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Outbox;
import dev.couplinglab.platform.telemetry.TraceContext;
import dev.couplinglab.testkit.TopicReader;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** OutboxRelay with a real SQLite file and a real broker. */
class OutboxRelayIT {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir static Path kafkaDir;
  private static LocalKafka kafka;
  private static KafkaSettings settings;

  @TempDir Path dataDir;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startOnFreePorts(kafkaDir);
    settings = KafkaSettings.local(kafka.bootstrapServers(), "relay-it");
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  /** One event as the test wrote it. */
  private record Written(String key, String eventId, String traceId, OrderPlaced event) {}

  @Test
  void publishesEveryRowInOrderWithItsHeadersThenEmptiesTheOutbox() throws Exception {
    Topic<OrderPlaced> topic = newTopic("relay-live");
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    List<Written> written = new ArrayList<>();
    try (Database database = openDatabase();
        Producer<String, byte[]> producer = KafkaClients.producer(settings, "relay");
        OutboxRelay relay = new OutboxRelay(database, producer, fatal::set).start()) {
      for (int i = 0; i < 30; i++) {
        Written w = event("o-" + (i % 3), i);
        append(database, topic, w);
        relay.nudge();
        written.add(w);
      }

      List<ConsumerRecord<String, byte[]>> received = readAll(topic, written.size());

      assertPublishedInOrder(written, received);
      await("outbox emptied")
          .atMost(BOUND)
          .until(() -> database.inTransaction(Outbox::size), size -> size == 0);
      assertThat(recordsOn(topic))
          .as("records on %s once the outbox is empty (no duplicates)", topic)
          .isEqualTo(written.size());
    }
    assertThat(fatal.get()).as("fatal error reported by the relay").isNull();
  }

  @Test
  void publishesRowsWrittenBeforeItStartedAsAfterACrash() throws Exception {
    Topic<OrderPlaced> topic = newTopic("relay-recovery");
    List<Written> written = new ArrayList<>();
    // A previous run committed its events, then died before any was published.
    try (Database beforeCrash = openDatabase()) {
      for (int i = 0; i < 10; i++) {
        Written w = event("o-crash-" + (i % 2), i);
        append(beforeCrash, topic, w);
        written.add(w);
      }
      assertThat(beforeCrash.inTransaction(Outbox::size))
          .as("rows waiting before the restart")
          .isEqualTo(10);
    }

    AtomicReference<Throwable> fatal = new AtomicReference<>();
    try (Database database = openDatabase();
        Producer<String, byte[]> producer = KafkaClients.producer(settings, "relay");
        OutboxRelay relay = new OutboxRelay(database, producer, fatal::set).start()) {
      // No nudge: the relay must find the rows on its own.
      List<ConsumerRecord<String, byte[]>> received = readAll(topic, written.size());

      assertPublishedInOrder(written, received);
      await("outbox emptied after the restart")
          .atMost(BOUND)
          .until(() -> database.inTransaction(Outbox::size), size -> size == 0);
      assertThat(recordsOn(topic))
          .as("records on %s once the outbox is empty (no duplicates)", topic)
          .isEqualTo(written.size());
    }
    assertThat(fatal.get()).as("fatal error reported by the relay").isNull();
  }

  // --- helpers

  private Database openDatabase() throws Exception {
    Database database = new Database(Database.sqliteFile(dataDir.resolve("relay.db")));
    database.applySchema("relay-test-schema.sql");
    return database;
  }

  /** Writes {@code w} in a transaction run inside its trace, as a service's handler does. */
  private static void append(Database database, Topic<OrderPlaced> topic, Written w)
      throws Exception {
    SpanContext writer =
        SpanContext.create(
            w.traceId(), "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
    try (Scope scope = Context.root().with(Span.wrap(writer)).makeCurrent()) {
      database.inTransaction(
          c -> {
            Outbox.append(c, topic, w.key(), w.event(), w.eventId());
            return null;
          });
    }
  }

  private static Topic<OrderPlaced> newTopic(String name) throws Exception {
    Topic<OrderPlaced> topic = new Topic<>(name, OrderPlaced.class, OrderPlaced.parser());
    TopicSetup.ensure(settings, List.of(topic));
    return topic;
  }

  private static Written event(String orderId, int sequence) {
    String eventId = UUID.randomUUID().toString();
    String traceId = String.format("%032x", sequence + 1);
    OrderPlaced event =
        OrderPlaced.newBuilder()
            .setMeta(
                EventMeta.newBuilder().setEventId(eventId).setOrderId(orderId).setTraceId(traceId))
            .setSku("SKU-LAMP")
            .setQuantity(sequence + 1)
            .build();
    return new Written(orderId, eventId, traceId, event);
  }

  /** Every written event arrived once, with its headers, in the written order for each key. */
  private static void assertPublishedInOrder(
      List<Written> written, List<ConsumerRecord<String, byte[]>> received) throws Exception {
    assertThat(received).as("records on the topic").hasSameSizeAs(written);
    for (String key : written.stream().map(Written::key).distinct().toList()) {
      List<String> expected =
          written.stream().filter(w -> w.key().equals(key)).map(Written::eventId).toList();
      List<ConsumerRecord<String, byte[]>> ofKey =
          received.stream().filter(r -> key.equals(r.key())).toList();
      assertThat(ofKey)
          .as("event-id headers of key %s, in partition order", key)
          .extracting(r -> header(r, Topics.HEADER_EVENT_ID))
          .containsExactlyElementsOf(expected);
      for (ConsumerRecord<String, byte[]> record : ofKey) {
        OrderPlaced event = OrderPlaced.parseFrom(record.value());
        assertThat(event.getMeta().getEventId())
            .as("payload of the record with event-id %s", header(record, Topics.HEADER_EVENT_ID))
            .isEqualTo(header(record, Topics.HEADER_EVENT_ID));
        assertThat(header(record, TraceContext.TRACEPARENT))
            .as("traceparent header of event %s: the trace it was written in", event.getMeta())
            .startsWith("00-" + event.getMeta().getTraceId() + "-");
      }
    }
  }

  /** Reads {@code topic} from the start until {@code count} records arrived. */
  private static List<ConsumerRecord<String, byte[]>> readAll(Topic<?> topic, int count) {
    try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), topic.name())) {
      return reader.awaitCount(count);
    }
  }

  /** How many records {@code topic} holds in all, duplicates included. */
  private static long recordsOn(Topic<?> topic) {
    return TopicReader.count(kafka.bootstrapServers(), topic.name());
  }
}
