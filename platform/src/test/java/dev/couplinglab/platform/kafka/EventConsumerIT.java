package dev.couplinglab.platform.kafka;

import static dev.couplinglab.testkit.RawProducer.header;
import static dev.couplinglab.testkit.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.telemetry.Telemetry;
import dev.couplinglab.platform.telemetry.TraceContext;
import dev.couplinglab.testkit.RawProducer;
import dev.couplinglab.testkit.TopicReader;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** EventConsumer against a real broker: poison is parked, store failures retried, offsets kept. */
class EventConsumerIT {

  private static final Duration BOUND = Duration.ofSeconds(60);
  private static final String GROUP = "consumer-it";

  @TempDir static Path kafkaDir;
  private static LocalKafka kafka;
  private static KafkaSettings settings;
  private static RawProducer producer;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startOnFreePorts(kafkaDir);
    settings = KafkaSettings.local(kafka.bootstrapServers(), "consumer-it");
    producer = RawProducer.open(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.close();
  }

  /** What the handler saw for one event it applied. */
  private record Applied(String orderId, String traceIdArgument, String traceIdInContext) {}

  /**
   * Throws poison for {@code o-poison}, a store failure for the first two tries of {@code o-flaky}.
   */
  private static final class ScriptedHandler implements EventHandler<OrderPlaced> {
    final List<Applied> applied = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    @Override
    public void handle(OrderPlaced event, String traceId)
        throws PoisonEventException, SQLException {
      String orderId = event.getMeta().getOrderId();
      int attempt = attempts.computeIfAbsent(orderId, k -> new AtomicInteger()).incrementAndGet();
      if (orderId.equals("o-poison")) {
        throw new PoisonEventException("marked as poison by the test");
      }
      if (orderId.equals("o-flaky") && attempt <= 2) {
        throw new SQLException("database is locked (attempt " + attempt + ")");
      }
      applied.add(new Applied(orderId, traceId, TraceContext.currentTraceId()));
    }
  }

  @Test
  void parksPoisonRetriesStoreFailuresAndCommitsOffsets() throws Exception {
    Topic<OrderPlaced> topic = new Topic<>("consumer-it", OrderPlaced.class, OrderPlaced.parser());
    TopicSetup.ensure(settings, List.of(topic));
    ScriptedHandler handler = new ScriptedHandler();
    AtomicReference<Throwable> fatal = new AtomicReference<>();

    try (Producer<String, byte[]> deadLetters = KafkaClients.producer(settings, "dlt");
        EventConsumer<OrderPlaced> consumer =
            new EventConsumer<>(
                    topic, KafkaClients.consumer(settings, GROUP), deadLetters, handler, fatal::set)
                .start()) {
      for (String orderId : List.of("o-1", "o-poison", "o-flaky", "o-2", "o-3")) {
        send(topic, orderId);
      }

      await("every good record applied")
          .atMost(BOUND)
          .until(() -> handler.applied.size(), n -> n >= 4);
      assertThat(handler.applied)
          .as("events applied, in partition order")
          .extracting(Applied::orderId)
          .containsExactly("o-1", "o-flaky", "o-2", "o-3");
      assertThat(handler.attempts.get("o-flaky").get())
          .as("tries of the event whose store failed twice")
          .isEqualTo(3);
      assertThat(handler.applied)
          .as("trace id of the record's traceparent, given to the handler and current")
          .allSatisfy(
              a -> {
                assertThat(a.traceIdArgument()).isEqualTo(traceIdOf(a.orderId()));
                assertThat(a.traceIdInContext()).isEqualTo(traceIdOf(a.orderId()));
              });

      ConsumerRecord<String, byte[]> parked = awaitDeadLetter(topic, "o-poison");
      assertThat(header(parked, Topics.HEADER_DLT_ERROR))
          .as("dlt-error header")
          .isEqualTo("marked as poison by the test");
      assertThat(header(parked, Topics.HEADER_DLT_ERROR_CLASS))
          .as("dlt-error-class header")
          .isEqualTo(PoisonEventException.class.getName());
      assertThat(header(parked, Topics.HEADER_DLT_ORIGIN))
          .as("dlt-origin header")
          .isEqualTo(topic.name() + "/0@1");
      assertThat(header(parked, TraceContext.TRACEPARENT))
          .as("original traceparent header")
          .isEqualTo(traceparentOf("o-poison"));
      assertThat(OrderPlaced.parseFrom(parked.value()).getMeta().getOrderId())
          .as("payload of the parked record")
          .isEqualTo("o-poison");
      assertThat(handler.attempts.get("o-poison").get())
          .as("tries of the poison event")
          .isEqualTo(1);
      await("counters settled")
          .atMost(BOUND)
          .until(() -> consumer.processedCount() == 4 && consumer.deadLetteredCount() == 1);
    }
    assertThat(fatal.get()).as("fatal error reported by the consumer").isNull();

    assertThat(readFromCommittedOffsets(topic))
        .as("records a new member of the group receives after a fresh one is sent")
        .containsExactly("o-fresh");
  }

  @Test
  void healthSaysWhetherTheConsumerDoesItsJob() throws Exception {
    Topic<OrderPlaced> topic =
        new Topic<>("consumer-health-it", OrderPlaced.class, OrderPlaced.parser());
    TopicSetup.ensure(settings, List.of(topic));
    AtomicBoolean storeDown = new AtomicBoolean();
    List<String> applied = new CopyOnWriteArrayList<>();
    EventHandler<OrderPlaced> handler =
        (event, traceId) -> {
          if (storeDown.get()) {
            throw new SQLException("disk I/O error");
          }
          applied.add(event.getMeta().getOrderId());
        };
    List<Boolean> told = new CopyOnWriteArrayList<>();
    FaultRegistry faults = new FaultRegistry();

    try (Producer<String, byte[]> deadLetters = KafkaClients.producer(settings, "dlt");
        EventConsumer<OrderPlaced> consumer =
            new EventConsumer<>(
                    topic,
                    KafkaClients.consumer(settings, "consumer-health-it"),
                    deadLetters,
                    handler,
                    e -> {},
                    faults,
                    told::add,
                    Telemetry.noop())
                .start()) {
      awaitLast(told, true, "SERVING once assigned");

      Fault stall =
          faults.add(
              FaultSpec.newBuilder()
                  .setConsumer(ConsumerFault.newBuilder().setStall(true))
                  .build());
      awaitLast(told, false, "NOT_SERVING while stalled");
      faults.clear(stall.getId());
      awaitLast(told, true, "SERVING once the stall is cleared");

      storeDown.set(true);
      send(topic, "o-stored-late");
      awaitLast(told, false, "NOT_SERVING while the store fails");
      storeDown.set(false);
      awaitLast(told, true, "SERVING once the store works again");
      assertThat(applied).as("the record, applied once the store worked").contains("o-stored-late");
    }
    assertThat(told.get(told.size() - 1)).as("NOT_SERVING once closed").isFalse();
  }

  private static void awaitLast(List<Boolean> told, boolean serving, String what) {
    await(what).atMost(BOUND).until(() -> !told.isEmpty() && told.get(told.size() - 1) == serving);
  }

  /** Joins the group, sends one new record, and returns the keys received up to and with it. */
  private static List<String> readFromCommittedOffsets(Topic<?> topic) throws Exception {
    List<String> keys = new ArrayList<>();
    try (Consumer<String, byte[]> successor = KafkaClients.consumer(settings, GROUP)) {
      successor.subscribe(List.of(topic.name()));
      send(topic, "o-fresh");
      await("the fresh record")
          .atMost(BOUND)
          .pollDelay(Duration.ZERO)
          .until(
              () -> {
                successor.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                return keys.contains("o-fresh");
              });
    }
    return keys;
  }

  /** A W3C trace id of the order's own (32 hex, never all zeros). */
  private static String traceIdOf(String orderId) {
    return String.format("%032x", (orderId.hashCode() & 0xffffffffL) | 1L);
  }

  private static String traceparentOf(String orderId) {
    return "00-" + traceIdOf(orderId) + "-00f067aa0ba902b7-01";
  }

  /** To partition 0, so the order of the test's records is the order they are handled. */
  private static void send(Topic<?> topic, String orderId) throws Exception {
    OrderPlaced event =
        OrderPlaced.newBuilder()
            .setMeta(
                EventMeta.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOrderId(orderId)
                    .setTraceId(traceIdOf(orderId)))
            .setSku("SKU-LAMP")
            .setQuantity(1)
            .build();
    producer.send(
        topic.name(),
        0,
        orderId,
        event.toByteArray(),
        header(TraceContext.TRACEPARENT, traceparentOf(orderId)),
        header(Topics.HEADER_EVENT_ID, event.getMeta().getEventId()));
  }

  /** Waits for the dead letter keyed {@code key}; checks that it is the first one on the topic. */
  private static ConsumerRecord<String, byte[]> awaitDeadLetter(Topic<?> topic, String key) {
    try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), topic.deadLetterName())) {
      ConsumerRecord<String, byte[]> parked = reader.awaitFirst(key);
      assertThat(reader.seen()).as("records on %s", topic.deadLetterName()).hasSize(1);
      return parked;
    }
  }
}
