package dev.couplinglab.inventory;

import static dev.couplinglab.inventory.OrderPlacedRecords.orderPlaced;
import static dev.couplinglab.inventory.OrderPlacedRecords.record;
import static dev.couplinglab.testkit.RawProducer.utf8;
import static dev.couplinglab.testkit.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReleaseRequest;
import dev.couplinglab.contracts.v1.ReserveRequest;
import dev.couplinglab.contracts.v1.StockDecision;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.kafka.KafkaSettings;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.platform.telemetry.TraceContext;
import dev.couplinglab.testkit.RawProducer;
import dev.couplinglab.testkit.TopicReader;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The async path: OrderPlaced in on {@code orders}, StockDecision out on {@code inventory}, poison
 * to {@code orders.dlt}. One broker and one App for the class; each test uses its own order ids and
 * SKU, and compares stock with what it read before.
 */
class InventoryEventsIT {

  @TempDir static Path dir;
  static LocalKafka kafka;
  static InventoryApp app;
  static ManagedChannel channel;
  static RawProducer producer;
  static TopicReader decisions;
  static TopicReader deadLetters;
  static final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka"));
    TopicSetup.ensure(
        KafkaSettings.local(kafka.bootstrapServers(), "test"),
        List.of(Topics.ORDERS, Topics.INVENTORY));
    app =
        InventoryApp.start(
            InventoryConfig.forTest(dir.resolve("data"), kafka.bootstrapServers()),
            fatalErrors::add);
    channel = Channels.plaintext("localhost:" + app.grpcPort());
    producer = RawProducer.open(kafka.bootstrapServers());
    decisions = TopicReader.open(kafka.bootstrapServers(), Topics.INVENTORY.name());
    deadLetters = TopicReader.open(kafka.bootstrapServers(), Topics.ORDERS.deadLetterName());
  }

  @AfterAll
  static void stop() {
    deadLetters.close();
    decisions.close();
    producer.close();
    channel.shutdownNow();
    app.close();
    kafka.close();
  }

  @AfterEach
  void noFatalErrors() {
    assertThat(fatalErrors).as("fatal Kafka errors").isEmpty();
  }

  @Test
  void reservesForAnOrderPlacedEventAndAnswersWithAStockDecision() throws Exception {
    StockLevel before = stock("SKU-APPLE");
    OrderPlaced event = orderPlaced("async-1", "trace-async-1", "SKU-APPLE", 5);

    producer.send(record(event));

    ConsumerRecord<String, byte[]> answer = decisions.awaitFirst("async-1");
    StockDecision decision = Topics.INVENTORY.parse(answer.value());
    assertThat(decision.getReserved()).as("reserved").isTrue();
    assertThat(decision.getMeta().getOrderId()).as("order id").isEqualTo("async-1");
    assertThat(decision.getMeta().getTraceId()).as("trace id").isEqualTo("trace-async-1");
    assertThat(decision.getMeta().getStyle()).as("style").isEqualTo(Style.ASYNC);
    assertThat(decision.getMeta().getEventId())
        .as("a new event id")
        .isNotEmpty()
        .isNotEqualTo(event.getMeta().getEventId())
        .isEqualTo(header(answer, Topics.HEADER_EVENT_ID));
    assertThat(header(answer, TraceContext.TRACEPARENT))
        .as("traceparent header of an answer to a record that carried none")
        .isNull();
    assertThat(decision.getSku()).as("sku").isEqualTo("SKU-APPLE");
    assertThat(decision.getQuantity()).as("quantity").isEqualTo(5);
    assertThat(stock("SKU-APPLE"))
        .as("stock after the event")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(before.getAvailable() - 5, before.getReserved() + 5);
  }

  @Test
  void refusesAShortOrderWithTheSameReasonAndDetailInBothStyles() throws Exception {
    producer.send(record(orderPlaced("async-short", "trace-short", "SKU-LAMP", 20)));

    StockDecision async = Topics.INVENTORY.parse(decisions.awaitFirst("async-short").value());
    StatusRuntimeException sync =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub()
                    .reserve(
                        ReserveRequest.newBuilder()
                            .setOrderId("sync-short")
                            .setSku("SKU-LAMP")
                            .setQuantity(20)
                            .build()));

    assertThat(async.getReserved()).as("async reserved").isFalse();
    assertThat(async.getRejectReason())
        .as("async reason")
        .isEqualTo(RejectReason.INSUFFICIENT_STOCK);
    assertThat(async.getDetail())
        .as("async detail")
        .isEqualTo("insufficient stock for SKU-LAMP: requested 20, available 10");
    assertThat(sync.getStatus().getCode())
        .as("sync code")
        .isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(sync.getStatus().getDescription()).as("sync detail").isEqualTo(async.getDetail());
    assertThat(stock("SKU-LAMP").getAvailable()).as("SKU-LAMP available").isEqualTo(10);
  }

  @Test
  void reservesOnceForADuplicatedEventAndForARedeliveryWithANewEventId() throws Exception {
    StockLevel before = stock("SKU-COFFEE");
    OrderPlaced first = orderPlaced("async-dup", "trace-first", "SKU-COFFEE", 7);
    OrderPlaced resent = orderPlaced("async-dup", "trace-resent", "SKU-COFFEE", 7);

    // Same key, so one partition, consumed in this order.
    producer.send(record(first));
    producer.send(record(first));
    producer.send(record(resent));

    // Decisions of one order share a partition too: once the answer to the re-sent event is
    // read, any answer to the duplicate would have been read before it.
    List<StockDecision> answers =
        decisions
            .awaitKey(
                "async-dup",
                records -> records.stream().anyMatch(r -> traceOf(r).equals("trace-resent")))
            .stream()
            .map(r -> parse(r))
            .toList();
    assertThat(answers)
        .as("one answer per distinct event id, both reserved")
        .extracting(d -> d.getMeta().getTraceId(), StockDecision::getReserved)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("trace-first", true),
            org.assertj.core.groups.Tuple.tuple("trace-resent", true));
    assertThat(stock("SKU-COFFEE"))
        .as("stock reserved once")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(before.getAvailable() - 7, before.getReserved() + 7);
    assertThat(count("SELECT COUNT(*) FROM reservations WHERE order_id = 'async-dup'"))
        .as("reservation rows")
        .isEqualTo(1);
    assertThat(
            count(
                "SELECT COUNT(*) FROM processed_events WHERE event_id IN ('"
                    + first.getMeta().getEventId()
                    + "', '"
                    + resent.getMeta().getEventId()
                    + "')"))
        .as("processed event ids")
        .isEqualTo(2);
  }

  @Test
  void refusesAnOrderPlacedAfterItsOrderWasReleased() throws Exception {
    stub().release(ReleaseRequest.newBuilder().setOrderId("async-released").build());

    producer.send(record(orderPlaced("async-released", "trace-rel", "SKU-APPLE", 1)));

    StockDecision answer = parse(decisions.awaitFirst("async-released"));
    assertThat(answer.getReserved()).as("reserved").isFalse();
    assertThat(answer.getRejectReason()).as("reason").isEqualTo(RejectReason.RESERVATION_RELEASED);
    assertThat(answer.getDetail())
        .as("detail")
        .isEqualTo("reservation for order async-released was released");
  }

  private static final String GARBAGE_TRACEPARENT =
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

  @Test
  void parksGarbageOnTheDeadLetterTopicAndGoesOn() throws Exception {
    StockLevel before = stock("SKU-BREAD");
    // A length-delimited field 1 announcing 127 bytes, then the record ends: cannot parse.
    byte[] garbage = {0x0A, 0x7F, 0x01};
    ProducerRecord<String, byte[]> bad =
        new ProducerRecord<>(Topics.ORDERS.name(), "async-after-garbage", garbage);
    bad.headers().add(TraceContext.TRACEPARENT, utf8(GARBAGE_TRACEPARENT));
    bad.headers().add("x-test-origin", utf8("garbage"));
    OrderPlaced valid = orderPlaced("async-after-garbage", "trace-valid", "SKU-BREAD", 2);

    // Same key: the valid event sits behind the garbage on one partition.
    producer.send(bad);
    producer.send(record(valid));

    ConsumerRecord<String, byte[]> parked = deadLetters.awaitFirst("async-after-garbage");
    assertThat(parked.value()).as("parked value").isEqualTo(garbage);
    assertThat(header(parked, Topics.HEADER_DLT_ERROR)).as("dlt-error").isNotBlank();
    assertThat(header(parked, TraceContext.TRACEPARENT))
        .as("original traceparent header")
        .isEqualTo(GARBAGE_TRACEPARENT);
    assertThat(header(parked, "x-test-origin")).as("original custom header").isEqualTo("garbage");

    StockDecision answer = parse(decisions.awaitFirst("async-after-garbage"));
    assertThat(answer.getMeta().getTraceId()).as("answered event").isEqualTo("trace-valid");
    assertThat(answer.getReserved()).as("reserved").isTrue();
    assertThat(stock("SKU-BREAD").getAvailable())
        .as("SKU-BREAD available")
        .isEqualTo(before.getAvailable() - 2);
  }

  @Test
  void parksEventsThatBreakTheRulesWithoutAnswering() throws Exception {
    OrderPlaced zero = orderPlaced("async-zero", "trace-zero", "SKU-BREAD", 0);
    OrderPlaced unknown = orderPlaced("async-unknown", "trace-unknown", "SKU-NOPE", 1);
    OrderPlaced valid = orderPlaced("async-valid", "trace-valid-2", "SKU-BREAD", 1);

    // One partition for all three, so the valid one is consumed after the other two.
    producer.send(onPartition0(zero));
    producer.send(onPartition0(unknown));
    producer.send(onPartition0(valid));

    decisions.awaitFirst("async-valid");
    assertThat(header(deadLetters.awaitFirst("async-zero"), Topics.HEADER_DLT_ERROR))
        .as("dlt-error of quantity 0")
        .contains("quantity");
    assertThat(header(deadLetters.awaitFirst("async-unknown"), Topics.HEADER_DLT_ERROR))
        .as("dlt-error of an unknown SKU")
        .contains("unknown SKU SKU-NOPE");
    assertThat(
            count(
                "SELECT COUNT(*) FROM reservations WHERE order_id IN ('async-zero', 'async-unknown')"))
        .as("reservations stored for the parked events")
        .isZero();
    assertThat(
            count(
                "SELECT COUNT(*) FROM processed_events WHERE event_id IN ('"
                    + zero.getMeta().getEventId()
                    + "', '"
                    + unknown.getMeta().getEventId()
                    + "')"))
        .as("parked events marked processed")
        .isZero();
  }

  private static ProducerRecord<String, byte[]> onPartition0(OrderPlaced event) {
    ProducerRecord<String, byte[]> r = record(event);
    return new ProducerRecord<>(r.topic(), 0, r.key(), r.value(), r.headers());
  }

  private static StockDecision parse(ConsumerRecord<String, byte[]> record) {
    try {
      return Topics.INVENTORY.parse(record.value());
    } catch (Exception e) {
      throw new AssertionError("not a StockDecision: " + record, e);
    }
  }

  private static String traceOf(ConsumerRecord<String, byte[]> record) {
    return parse(record).getMeta().getTraceId();
  }

  private static InventoryServiceGrpc.InventoryServiceBlockingStub stub() {
    return InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static StockLevel stock(String sku) {
    return stub().getStock(GetStockRequest.newBuilder().setSku(sku).build()).getLevels(0);
  }

  /** Reads the service's own store through a second connection (WAL lets readers in). */
  private static long count(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + app.config().databaseFile().toAbsolutePath());
        PreparedStatement select = c.prepareStatement(sql);
        ResultSet rs = select.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
