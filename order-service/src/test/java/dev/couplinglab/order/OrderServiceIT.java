package dev.couplinglab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.rpc.BadRequest;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc.OrderServiceBlockingStub;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.StockDecision;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.runtime.ServiceSettings;
import dev.couplinglab.testkit.RawProducer;
import dev.couplinglab.testkit.TopicReader;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** order-service over real gRPC on TCP and a real Kafka broker; downstream services scripted. */
class OrderServiceIT {

  private static final Duration DEADLINE = Duration.ofMillis(300);

  @TempDir static Path kafkaDir;
  private static LocalKafka kafka;

  @TempDir Path dataDir;
  private FakeDownstream downstream;
  private OrderApp app;
  private ManagedChannel channel;
  private OrderServiceBlockingStub orders;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startOnFreePorts(kafkaDir);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void start() throws Exception {
    downstream = new FakeDownstream();
    startApp(kafka.bootstrapServers(), downstream.target(), downstream.target());
  }

  @AfterEach
  void stop() throws Exception {
    stopApp();
    downstream.close();
  }

  private void startApp(String bootstrap, String inventory, String notification) throws Exception {
    var config =
        OrderConfig.forTest(
                ServiceSettings.forTest(OrderConfig.SERVICE_NAME, dataDir, bootstrap),
                inventory,
                notification)
            .withDeadlines(DEADLINE, DEADLINE);
    app = OrderApp.start(config, fatal -> {});
    channel = Channels.plaintext("localhost:" + app.grpcPort());
    orders = OrderServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private void stopApp() throws Exception {
    channel.shutdownNow();
    app.close();
  }

  private static PlaceOrderRequest order(String id, Style style) {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(id)
        .setSku("SKU-LAMP")
        .setQuantity(2)
        .setStyle(style)
        .build();
  }

  private Order get(String id) {
    return orders.getOrder(GetOrderRequest.newBuilder().setOrderId(id).build());
  }

  @Test
  void rejectsBadInputWithFieldDetailsAndWritesNothing() {
    StatusRuntimeException error =
        (StatusRuntimeException)
            catchFailure(
                () ->
                    orders.placeOrder(
                        order("bad-1", Style.SYNC).toBuilder().setQuantity(0).build()));
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription()).as("description").contains("quantity");
    assertThat(fieldViolations(error)).as("BadRequest details").containsExactly("quantity");

    assertStatus(
        () -> orders.placeOrder(order("bad-2", Style.STYLE_UNSPECIFIED)),
        Status.Code.INVALID_ARGUMENT);
    assertStatus(
        () ->
            orders.placeOrder(
                order("bad-3", Style.ASYNC).toBuilder().setCustomerId("c".repeat(65)).build()),
        Status.Code.INVALID_ARGUMENT);
    assertStatus(
        () -> orders.placeOrder(order("x".repeat(65), Style.ASYNC)), Status.Code.INVALID_ARGUMENT);
    assertStatus(
        () -> orders.placeOrder(order("bad-4", Style.SYNC).toBuilder().setSku("SKU-NOPE").build()),
        Status.Code.NOT_FOUND);

    for (String id : List.of("bad-1", "bad-2", "bad-3", "bad-4")) {
      assertStatus(() -> get(id), Status.Code.NOT_FOUND);
    }
    assertThat(downstream.reserves).as("no call went downstream").isEmpty();
  }

  @Test
  void reusingAnOrderIdWithOtherContentIsAlreadyExists() {
    Order first = orders.placeOrder(order("same-1", Style.ASYNC));
    Order again = orders.placeOrder(order("same-1", Style.ASYNC));
    assertThat(again).as("the same request returns the stored order").isEqualTo(first);

    StatusRuntimeException error =
        (StatusRuntimeException)
            catchFailure(
                () ->
                    orders.placeOrder(
                        order("same-1", Style.ASYNC).toBuilder().setQuantity(3).build()));
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(get("same-1").getQuantity()).as("stored quantity unchanged").isEqualTo(2);
  }

  @Test
  void syncOrderIsConfirmedAndNotified() {
    Order placed = orders.placeOrder(order("sync-ok", Style.SYNC));

    assertThat(placed.getState()).isEqualTo(OrderState.CONFIRMED);
    assertThat(get("sync-ok").getState()).as("stored state").isEqualTo(OrderState.CONFIRMED);
    assertThat(downstream.notifications)
        .as("one notification of the outcome")
        .singleElement()
        .satisfies(n -> assertThat(n.getOutcome()).isEqualTo(OrderState.CONFIRMED));
  }

  @Test
  void syncOrderIsRejectedWithInventorysReason() {
    downstream.reserveStatus =
        Status.FAILED_PRECONDITION.withDescription(
            "insufficient stock for SKU-LAMP: requested 2, available 1");

    Order placed = orders.placeOrder(order("sync-short", Style.SYNC));

    assertThat(placed.getState()).isEqualTo(OrderState.REJECTED);
    assertThat(placed.getRejectReason()).isEqualTo(RejectReason.INSUFFICIENT_STOCK);
    assertThat(placed.getDetail())
        .isEqualTo("insufficient stock for SKU-LAMP: requested 2, available 1");
    assertThat(downstream.notifications).as("the rejection is notified too").hasSize(1);
  }

  @Test
  void syncOrderFailsWithUnavailableWhenInventoryIsDown() throws Exception {
    stopApp();
    startApp(kafka.bootstrapServers(), "localhost:" + closedPort(), downstream.target());

    StatusRuntimeException error =
        (StatusRuntimeException)
            catchFailure(() -> orders.placeOrder(order("sync-down", Style.SYNC)));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription()).contains("inventory-service Reserve failed");
    assertThat(get("sync-down").getState()).as("stored state").isEqualTo(OrderState.FAILED);
    assertThat(downstream.notifications).as("nothing notified").isEmpty();
  }

  @Test
  void syncOrderFailsWithDeadlineExceededAndReleasesTheReservation() {
    downstream.reserveDelay = DEADLINE.multipliedBy(3);

    StatusRuntimeException error =
        (StatusRuntimeException)
            catchFailure(() -> orders.placeOrder(order("sync-slow", Style.SYNC)));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(get("sync-slow").getState()).isEqualTo(OrderState.FAILED);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(downstream.releases)
                    .as("the possibly-taken stock is released")
                    .extracting(r -> r.getOrderId())
                    .containsExactly("sync-slow"));
  }

  @Test
  void syncOrderSeesAConnectionLostMidCallAsUnavailableAndReleasesTheReservation() {
    // What grpc-java reports when inventory-service dies while the call is in flight.
    downstream.reserveStatus = Status.UNKNOWN.withDescription("channel closed");

    StatusRuntimeException error =
        (StatusRuntimeException)
            catchFailure(() -> orders.placeOrder(order("sync-cut", Style.SYNC)));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription()).contains("UNKNOWN: channel closed");
    assertThat(get("sync-cut").getState()).isEqualTo(OrderState.FAILED);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(downstream.releases)
                    .as("a reservation the lost call may have made is released")
                    .extracting(r -> r.getOrderId())
                    .containsExactly("sync-cut"));
  }

  @Test
  void syncOrderReportsAFailedNotificationAndCompletesOnRetry() {
    downstream.notifyStatus = Status.UNAVAILABLE.withDescription("notification-service is down");

    StatusRuntimeException error =
        (StatusRuntimeException)
            catchFailure(() -> orders.placeOrder(order("sync-notify", Style.SYNC)));
    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(error.getStatus().getDescription())
        .contains("is CONFIRMED but notification-service Notify failed");

    downstream.notifyStatus = Status.OK;
    Order retried = orders.placeOrder(order("sync-notify", Style.SYNC));

    assertThat(retried.getState()).isEqualTo(OrderState.CONFIRMED);
    assertThat(downstream.reserves).as("stock reserved by the first attempt only").hasSize(1);
    assertThat(downstream.notifications).as("notified on the retry").hasSize(1);
  }

  @Test
  void asyncOrderIsAcceptedPublishedAndFinishedByTheStockDecision() throws Exception {
    Order accepted = orders.placeOrder(order("async-ok", Style.ASYNC));
    assertThat(accepted.getState()).isEqualTo(OrderState.PENDING);

    OrderPlaced placed = awaitEvent(Topics.ORDERS.name(), "async-ok", OrderPlaced::parseFrom);
    assertThat(placed.getMeta().getTraceId()).isEqualTo(accepted.getTraceId());
    assertThat(placed.getQuantity()).isEqualTo(2);

    StockDecision decision = decision("async-ok", true);
    produce(decision);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> get("async-ok").getState() == OrderState.CONFIRMED);
    OrderOutcome outcome =
        awaitEvent(Topics.NOTIFICATIONS.name(), "async-ok", OrderOutcome::parseFrom);
    assertThat(outcome.getState()).isEqualTo(OrderState.CONFIRMED);

    // The same decision again, and a contradicting one: the order and its outcome stay as they are.
    produce(decision);
    RecordMetadata last = produce(decision("async-ok", false));
    awaitConsumedPast(last);
    assertThat(get("async-ok").getState()).isEqualTo(OrderState.CONFIRMED);
    assertThat(eventsFor(Topics.NOTIFICATIONS.name(), "async-ok"))
        .as("one outcome event for the order")
        .hasSize(1);
  }

  @Test
  void watchOrderStreamsPendingThenTheFinalState() throws Exception {
    orders.placeOrder(order("async-watch", Style.ASYNC));
    Iterator<Order> stream =
        orders.watchOrder(GetOrderRequest.newBuilder().setOrderId("async-watch").build());
    assertThat(stream.next().getState())
        .as("first the current state")
        .isEqualTo(OrderState.PENDING);

    produce(decision("async-watch", false));

    Order last = stream.next();
    assertThat(last.getState()).isEqualTo(OrderState.REJECTED);
    assertThat(last.getDetail()).isEqualTo("insufficient stock (test)");
    assertThat(stream.hasNext()).as("the stream ends on a final state").isFalse();
  }

  @Test
  void outboxPublishesAnOrderAcceptedBeforeACrash() throws Exception {
    // Kafka unreachable: the order commits with its event, which cannot leave the process.
    stopApp();
    startApp("localhost:" + closedPort(), downstream.target(), downstream.target());
    Order accepted = orders.placeOrder(order("async-crash", Style.ASYNC));
    assertThat(accepted.getState()).isEqualTo(OrderState.PENDING);
    stopApp();
    assertThat(eventsFor(Topics.ORDERS.name(), "async-crash"))
        .as("nothing published yet")
        .isEmpty();

    startApp(kafka.bootstrapServers(), downstream.target(), downstream.target());

    OrderPlaced placed = awaitEvent(Topics.ORDERS.name(), "async-crash", OrderPlaced::parseFrom);
    assertThat(placed.getMeta().getTraceId()).isEqualTo(accepted.getTraceId());
  }

  // --- helpers ---

  private interface Parser<T> {
    T parse(byte[] bytes) throws Exception;
  }

  private <T> T awaitEvent(String topic, String orderId, Parser<T> parser) throws Exception {
    try (TopicReader reader =
        TopicReader.open(kafka.bootstrapServers(), topic, Duration.ofSeconds(20))) {
      return parser.parse(reader.awaitFirst(orderId).value());
    }
  }

  private static List<ConsumerRecord<String, byte[]>> eventsFor(String topic, String orderId) {
    return TopicReader.readAll(kafka.bootstrapServers(), topic).stream()
        .filter(r -> orderId.equals(r.key()))
        .toList();
  }

  private static StockDecision decision(String orderId, boolean reserved) {
    var builder =
        StockDecision.newBuilder()
            .setMeta(
                EventMeta.newBuilder()
                    .setEventId(UUID.randomUUID().toString())
                    .setOrderId(orderId)
                    .setTraceId("trace-test")
                    .setStyle(Style.ASYNC))
            .setSku("SKU-LAMP")
            .setQuantity(2)
            .setReserved(reserved);
    if (!reserved) {
      builder
          .setRejectReason(RejectReason.INSUFFICIENT_STOCK)
          .setDetail("insufficient stock (test)");
    }
    return builder.build();
  }

  private static RecordMetadata produce(StockDecision decision) throws Exception {
    try (RawProducer producer = RawProducer.open(kafka.bootstrapServers())) {
      return producer.send(
          Topics.INVENTORY.name(), null, decision.getMeta().getOrderId(), decision.toByteArray());
    }
  }

  /** Waits until order-service has committed its offset past {@code record}. */
  private static void awaitConsumedPast(RecordMetadata record) {
    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin
                        .listConsumerGroupOffsets("order-service")
                        .partitionsToOffsetAndMetadata()
                        .get();
                OffsetAndMetadata committed = offsets.get(partition);
                return committed != null && committed.offset() > record.offset();
              });
    }
  }

  private static Throwable catchFailure(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("the call was expected to fail");
  }

  private static void assertStatus(Runnable call, Status.Code code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(code);
              assertThat(e.getStatus().getDescription()).as("description").isNotBlank();
            });
  }

  private static List<String> fieldViolations(StatusRuntimeException error)
      throws RuntimeException {
    try {
      var status = StatusProto.fromThrowable(error);
      return status.getDetails(0).unpack(BadRequest.class).getFieldViolationsList().stream()
          .map(BadRequest.FieldViolation::getField)
          .toList();
    } catch (Exception e) {
      throw new AssertionError("no BadRequest details", e);
    }
  }

  private static int closedPort() {
    return dev.couplinglab.kafka.FreePorts.next();
  }
}
