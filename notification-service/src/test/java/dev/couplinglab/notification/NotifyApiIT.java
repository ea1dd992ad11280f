package dev.couplinglab.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.BadRequest;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc.NotificationServiceBlockingStub;
import dev.couplinglab.contracts.v1.NotifyRequest;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.grpc.Channels;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gRPC API over real TCP. No broker runs: the synchronous API must serve while Kafka is down.
 */
class NotifyApiIT {

  @TempDir static Path dataDir;
  private static NotificationApp app;

  private ManagedChannel channel;
  private NotificationServiceBlockingStub stub;

  @BeforeAll
  static void startWithKafkaDown() throws Exception {
    String nobody = "localhost:" + freePort();
    app = NotificationApp.start(NotificationConfig.forTest(dataDir, nobody));
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void connect() {
    channel = Channels.plaintext("localhost:" + app.grpcPort());
    stub = NotificationServiceGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private NotificationServiceBlockingStub call() {
    return stub.withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static NotifyRequest confirmed(String orderId) {
    return NotifyRequest.newBuilder()
        .setOrderId(orderId)
        .setOutcome(OrderState.CONFIRMED)
        .setStyle(Style.SYNC)
        .setSku("SKU-LAMP")
        .setQuantity(2)
        .build();
  }

  private List<Notification> recent() {
    return call()
        .list(ListNotificationsRequest.newBuilder().setLimit(1000).build())
        .getNotificationsList();
  }

  @Test
  void servesAndReportsHealthyWhileKafkaIsDown() {
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    assertThat(
            health
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService(NotificationServiceGrpc.SERVICE_NAME)
                        .build())
                .getStatus())
        .as("health of NotificationService with no broker reachable")
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void notifyThenListReturnsTheNotification() {
    Notification notified = call().notify(confirmed("o-api-1"));

    assertThat(notified.getMessage())
        .as("message of the new notification")
        .isEqualTo("Order o-api-1 confirmed: 2 x SKU-LAMP");
    assertThat(notified.getOutcome()).as("outcome").isEqualTo(OrderState.CONFIRMED);
    assertThat(notified.getStyle()).as("style").isEqualTo(Style.SYNC);
    assertThat(notified.getRecordedAtMicros()).as("recorded at (micros)").isPositive();
    assertThat(
            call()
                .list(ListNotificationsRequest.newBuilder().setOrderId("o-api-1").build())
                .getNotificationsList())
        .as("List of order o-api-1")
        .containsExactly(notified);
    assertThat(recent()).as("most recent notifications").contains(notified);
  }

  @Test
  void secondNotifyReturnsTheFirstNotificationUnchanged() {
    Notification first = call().notify(confirmed("o-api-twice"));
    NotifyRequest different =
        NotifyRequest.newBuilder()
            .setOrderId("o-api-twice")
            .setOutcome(OrderState.REJECTED)
            .setStyle(Style.ASYNC)
            .setSku("SKU-DESK")
            .setQuantity(9)
            .setDetail("insufficient stock for SKU-DESK: requested 9, available 0")
            .build();

    Notification second = call().notify(different);

    assertThat(second).as("answer to the second Notify").isEqualTo(first);
    assertThat(recent())
        .as("notifications of order o-api-twice")
        .filteredOn(n -> n.getOrderId().equals("o-api-twice"))
        .containsExactly(first);
  }

  @Test
  void listsTheMostRecentFirstUpToTheLimit() {
    call().notify(confirmed("o-api-older"));
    Notification middle = call().notify(confirmed("o-api-middle"));
    Notification newest = call().notify(confirmed("o-api-newest"));

    assertThat(
            call()
                .list(ListNotificationsRequest.newBuilder().setLimit(2).build())
                .getNotificationsList())
        .as("the two most recent notifications")
        .containsExactly(newest, middle);
  }

  @Test
  void listOfAnUnknownOrderIsNotFound() {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> call().list(ListNotificationsRequest.newBuilder().setOrderId("o-never").build()));
    assertThat(e.getStatus().getCode())
        .as("status of List for an unknown order")
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).as("description").contains("o-never");
  }

  @Test
  void listRefusesALimitAboveAThousand() {
    StatusRuntimeException e =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> call().list(ListNotificationsRequest.newBuilder().setLimit(1001).build()));
    assertThat(fieldsIn(e)).as("field violations of List with limit 1001").containsExactly("limit");
  }

  static Stream<Arguments> invalidRequests() {
    return Stream.of(
        invalid("empty order id", "order_id", b -> b.setOrderId("")),
        invalid("order id with a space", "order_id", b -> b.setOrderId("o bad")),
        invalid("order id of 65 characters", "order_id", b -> b.setOrderId("o".repeat(65))),
        invalid("no outcome", "outcome", b -> b.setOutcome(OrderState.ORDER_STATE_UNSPECIFIED)),
        invalid("PENDING outcome", "outcome", b -> b.setOutcome(OrderState.PENDING)),
        invalid("FAILED outcome", "outcome", b -> b.setOutcome(OrderState.FAILED)),
        invalid("SKU of 65 characters", "sku", b -> b.setSku("S".repeat(65))),
        invalid("quantity 0", "quantity", b -> b.setQuantity(0)),
        invalid("negative quantity", "quantity", b -> b.setQuantity(-3)),
        invalid("quantity 1001", "quantity", b -> b.setQuantity(1001)),
        invalid("detail of 501 characters", "detail", b -> b.setDetail("x".repeat(501))));
  }

  private static Arguments invalid(
      String name, String field, UnaryOperator<NotifyRequest.Builder> breakIt) {
    String orderId = "o-invalid-" + name.replaceAll("[^a-z0-9]", "-");
    NotifyRequest request = breakIt.apply(confirmed(orderId).toBuilder()).build();
    return Arguments.of(name, field, request);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidRequests")
  void refusesInvalidNotifyAndStoresNothing(String name, String field, NotifyRequest request) {
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> call().notify(request));

    assertThat(e).as("Notify with %s fails", name).isNotNull();
    assertThat(e.getStatus().getCode())
        .as("status for %s", name)
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(e.getStatus().getDescription())
        .as("description for %s", name)
        .startsWith(field + ":");
    assertThat(fieldsIn(e)).as("field violations for %s", name).containsExactly(field);
    assertThat(recent())
        .as("notifications stored after the refused Notify with %s", name)
        .noneMatch(n -> n.getOrderId().equals(request.getOrderId()));
  }

  @Test
  void reportsEveryBadFieldAtOnce() {
    NotifyRequest request = NotifyRequest.newBuilder().setOrderId("o bad").build();
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> call().notify(request));
    assertThat(fieldsIn(e))
        .as("field violations of an empty request with a bad order id")
        .containsExactly("order_id", "outcome", "sku", "quantity");
  }

  private static List<String> fieldsIn(StatusRuntimeException e) {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).as("rich status of %s", e).isNotNull();
    assertThat(status.getCode()).as("code").isEqualTo(com.google.rpc.Code.INVALID_ARGUMENT_VALUE);
    return status.getDetailsList().stream()
        .filter(any -> any.is(BadRequest.class))
        .flatMap(any -> unpack(any).getFieldViolationsList().stream())
        .map(BadRequest.FieldViolation::getField)
        .toList();
  }

  private static BadRequest unpack(com.google.protobuf.Any any) {
    try {
      return any.unpack(BadRequest.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError("BadRequest detail does not parse", e);
    }
  }

  private static int freePort() {
    return dev.couplinglab.kafka.FreePorts.next();
  }
}
