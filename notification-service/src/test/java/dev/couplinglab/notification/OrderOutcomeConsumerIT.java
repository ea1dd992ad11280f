package dev.couplinglab.notification;

import static dev.couplinglab.testkit.RawProducer.header;
import static dev.couplinglab.testkit.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc.NotificationServiceBlockingStub;
import dev.couplinglab.contracts.v1.NotifyRequest;
import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.kafka.KafkaSettings;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.testkit.DeadLetters;
import dev.couplinglab.testkit.RawProducer;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OrderOutcome consumer against a real broker, read back through the gRPC API. Records of one
 * test go to partition 0, so once a later record is processed every earlier one was too: that is
 * how "exactly one" is checked without waiting for nothing.
 */
class OrderOutcomeConsumerIT {

  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir static Path kafkaDir;
  private static LocalKafka kafka;
  private static KafkaSettings settings;
  private static RawProducer producer;

  @TempDir Path dataDir;
  private NotificationApp app;
  private ManagedChannel channel;
  private NotificationServiceBlockingStub stub;

  @BeforeAll
  static void startKafka() throws Exception {
    kafka = LocalKafka.startOnFreePorts(kafkaDir);
    settings = KafkaSettings.local(kafka.bootstrapServers(), NotificationConfig.SERVICE);
    TopicSetup.ensure(settings, List.of(Topics.NOTIFICATIONS));
    producer = RawProducer.open(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.close();
  }

  @BeforeEach
  void startApp() throws Exception {
    startAppOn(dataDir);
  }

  @AfterEach
  void stopApp() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    app.close();
  }

  private void startAppOn(Path dir) throws Exception {
    app = NotificationApp.start(NotificationConfig.forTest(dir, settings.bootstrapServers()));
    channel = Channels.plaintext("localhost:" + app.grpcPort());
    stub = NotificationServiceGrpc.newBlockingStub(channel);
  }

  @Test
  void recordsTheNotificationOfAnOutcomeEvent() throws Exception {
    OrderOutcome rejected =
        outcome("o-ev-1", OrderState.REJECTED, 20).toBuilder()
            .setRejectReason(RejectReason.INSUFFICIENT_STOCK)
            .setDetail("insufficient stock for SKU-LAMP: requested 20, available 10")
            .build();

    send(rejected);

    Notification notification = awaitNotification("o-ev-1");
    assertThat(notification.getMessage())
        .as("message of the notification from the event")
        .isEqualTo(
            "Order o-ev-1 rejected: insufficient stock for SKU-LAMP: requested 20, available 10");
    assertThat(notification.getOutcome()).as("outcome").isEqualTo(OrderState.REJECTED);
    assertThat(notification.getStyle()).as("style").isEqualTo(Style.ASYNC);
  }

  @Test
  void notifiesOnceForARepeatedRecordAndForARedeliveryWithANewEventId() throws Exception {
    OrderOutcome first = outcome("o-ev-dup", OrderState.CONFIRMED, 2);
    OrderOutcome sameOutcomeNewEvent =
        first.toBuilder()
            .setMeta(first.getMeta().toBuilder().setEventId(UUID.randomUUID().toString()))
            .setQuantity(3)
            .build();

    send(first);
    send(first);
    send(sameOutcomeNewEvent);
    send(outcome("o-ev-dup-after", OrderState.CONFIRMED, 1));

    awaitNotification("o-ev-dup-after");
    assertThat(notificationsOf("o-ev-dup"))
        .as("notifications of an order whose outcome arrived three times")
        .extracting(Notification::getMessage)
        .containsExactly("Order o-ev-dup confirmed: 2 x SKU-LAMP");
  }

  @Test
  void parksUnparseableRecordOnTheDeadLetterTopicAndGoesOn() throws Exception {
    byte[] garbage = "not a protobuf".getBytes(StandardCharsets.UTF_8);
    send(
        "o-ev-garbage",
        garbage,
        header("trace-id", "trace-garbage"),
        header("origin-marker", "kept"));
    send(outcome("o-ev-after-garbage", OrderState.CONFIRMED, 1));

    awaitNotification("o-ev-after-garbage");
    ConsumerRecord<String, byte[]> parked = awaitDeadLetter("o-ev-garbage");
    assertThat(parked.value()).as("value of the parked record").isEqualTo(garbage);
    assertThat(header(parked, "dlt-error")).as("dlt-error header").isNotBlank();
    assertThat(header(parked, "dlt-error-class"))
        .as("dlt-error-class header")
        .startsWith("com.google.protobuf.InvalidProtocolBufferException");
    assertThat(header(parked, "dlt-origin"))
        .as("dlt-origin header")
        .startsWith(Topics.NOTIFICATIONS.name() + "/0@");
    assertThat(header(parked, "trace-id"))
        .as("original trace-id header")
        .isEqualTo("trace-garbage");
    assertThat(header(parked, "origin-marker")).as("original custom header").isEqualTo("kept");
    assertThat(notificationsOf("o-ev-garbage")).as("notifications of the garbage record").isEmpty();
  }

  @Test
  void parksAnEventThatBreaksTheRules() throws Exception {
    send(outcome("o-ev-pending", OrderState.PENDING, 1));
    send(outcome("o-ev-after-pending", OrderState.CONFIRMED, 1));

    awaitNotification("o-ev-after-pending");
    ConsumerRecord<String, byte[]> parked = awaitDeadLetter("o-ev-pending");
    assertThat(header(parked, "dlt-error-class"))
        .as("dlt-error-class header")
        .isEqualTo("dev.couplinglab.platform.kafka.PoisonEventException");
    assertThat(header(parked, "dlt-error")).as("dlt-error header").contains("outcome");
    assertThat(notificationsOf("o-ev-pending")).as("notifications of a PENDING outcome").isEmpty();
  }

  @Test
  void keepsNotificationsAndProcessedEventsAcrossARestart() throws Exception {
    OrderOutcome event = outcome("o-ev-restart", OrderState.CONFIRMED, 4);
    send(event);
    Notification fromEvent = awaitNotification("o-ev-restart");
    Notification fromCall =
        call()
            .notify(
                NotifyRequest.newBuilder()
                    .setOrderId("o-sync-restart")
                    .setOutcome(OrderState.CONFIRMED)
                    .setStyle(Style.SYNC)
                    .setSku("SKU-DESK")
                    .setQuantity(1)
                    .build());

    stopApp();
    startAppOn(dataDir);

    assertThat(notificationsOf("o-ev-restart"))
        .as("notification from an event, after the restart")
        .containsExactly(fromEvent);
    assertThat(notificationsOf("o-sync-restart"))
        .as("notification from a Notify call, after the restart")
        .containsExactly(fromCall);
    send(event);
    send(outcome("o-ev-after-restart", OrderState.CONFIRMED, 1));
    awaitNotification("o-ev-after-restart");
    assertThat(notificationsOf("o-ev-restart"))
        .as("notification after the same event came again following the restart")
        .containsExactly(fromEvent);
  }

  // --- helpers

  private NotificationServiceBlockingStub call() {
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static OrderOutcome outcome(String orderId, OrderState state, int quantity) {
    return OrderOutcome.newBuilder()
        .setMeta(
            EventMeta.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrderId(orderId)
                .setTraceId("trace-" + orderId)
                .setStyle(Style.ASYNC)
                .setOccurredAtMicros(System.currentTimeMillis() * 1000))
        .setSku("SKU-LAMP")
        .setQuantity(quantity)
        .setState(state)
        .build();
  }

  private static void send(OrderOutcome event) throws Exception {
    send(
        event.getMeta().getOrderId(),
        event.toByteArray(),
        header("trace-id", event.getMeta().getTraceId()),
        header("event-id", event.getMeta().getEventId()));
  }

  /** To partition 0, so the records of a test are processed in the order they were sent. */
  private static void send(String key, byte[] value, Header... headers) throws Exception {
    producer.send(Topics.NOTIFICATIONS.name(), 0, key, value, headers);
  }

  private List<Notification> notificationsOf(String orderId) {
    try {
      return call()
          .list(ListNotificationsRequest.newBuilder().setOrderId(orderId).build())
          .getNotificationsList();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  private Notification awaitNotification(String orderId) {
    return await("notification of " + orderId)
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> notificationsOf(orderId), list -> !list.isEmpty())
        .get(0);
  }

  private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
    return DeadLetters.awaitParked(
        kafka.bootstrapServers(), Topics.NOTIFICATIONS.deadLetterName(), key);
  }
}
