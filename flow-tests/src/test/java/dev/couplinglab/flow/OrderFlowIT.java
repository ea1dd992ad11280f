package dev.couplinglab.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.clusterkit.InProcessCluster;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import io.grpc.ManagedChannel;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same order in both styles through the three real services, in-process but over real gRPC on
 * TCP and a real Kafka broker: what each style answers, when, and how it survives a dead
 * inventory-service.
 */
class OrderFlowIT {

  private static final Duration OUTCOME_BOUND = Duration.ofSeconds(30);

  @TempDir static Path dir;
  private static InProcessCluster cluster;
  private static ManagedChannel orderChannel;
  private static ManagedChannel inventoryChannel;
  private static ManagedChannel notificationChannel;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = InProcessCluster.in(dir).orderSettings(s -> s.withGrpcThreads(8)).start();
    orderChannel = cluster.orderChannel();
    inventoryChannel = cluster.inventoryChannel();
    notificationChannel = cluster.notificationChannel();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void bothStylesConfirmAnOrderAndNotifyIt() {
    int stockBefore = available("SKU-APPLE");

    Order sync = place(Style.SYNC, "SKU-APPLE", 2);
    assertThat(sync.getState()).as("sync answers with the outcome").isEqualTo(OrderState.CONFIRMED);

    Order async = place(Style.ASYNC, "SKU-APPLE", 3);
    assertThat(async.getState())
        .as("async answers before the outcome")
        .isEqualTo(OrderState.PENDING);
    assertThat(finalState(async.getOrderId()).getState()).isEqualTo(OrderState.CONFIRMED);

    assertThat(available("SKU-APPLE")).as("stock taken by both").isEqualTo(stockBefore - 5);
    assertThat(notificationOf(sync.getOrderId()).getOutcome()).isEqualTo(OrderState.CONFIRMED);
    assertThat(notificationOf(async.getOrderId()).getOutcome()).isEqualTo(OrderState.CONFIRMED);
    assertThat(notificationOf(async.getOrderId()).getStyle()).isEqualTo(Style.ASYNC);
  }

  @Test
  void bothStylesRejectShortStockWithTheSameReason() {
    Order sync = place(Style.SYNC, "SKU-RARE", 5);
    Order async = finalState(place(Style.ASYNC, "SKU-RARE", 5).getOrderId());

    assertThat(sync.getState()).isEqualTo(OrderState.REJECTED);
    assertThat(async.getState()).isEqualTo(OrderState.REJECTED);
    assertThat(sync.getRejectReason()).isEqualTo(RejectReason.INSUFFICIENT_STOCK);
    assertThat(async.getRejectReason()).as("same reason").isEqualTo(sync.getRejectReason());
    assertThat(async.getDetail()).as("same detail").isEqualTo(sync.getDetail());
    assertThat(sync.getDetail()).contains("requested 5");
    assertThat(notificationOf(async.getOrderId()).getOutcome()).isEqualTo(OrderState.REJECTED);
    assertThat(notificationOf(sync.getOrderId()).getOutcome()).isEqualTo(OrderState.REJECTED);
  }

  @Test
  void whileInventoryIsDownSyncFailsAndAsyncIsAcceptedThenCompletes() throws Exception {
    cluster.stopInventory();
    try {
      StatusRuntimeException syncError =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> place(Style.SYNC, "SKU-BREAD", 1));
      assertThat(syncError.getStatus().getCode())
          .as("sync inherits the outage")
          .isEqualTo(Status.Code.UNAVAILABLE);

      Order async = place(Style.ASYNC, "SKU-BREAD", 1);
      assertThat(async.getState()).as("async is accepted anyway").isEqualTo(OrderState.PENDING);
    } finally {
      cluster.startInventory();
    }
    // The sync client retries with the same order id until the chain works again: the order
    // that FAILED during the outage resumes and is confirmed, once.
    String retriedId = "flow-retry-" + UUID.randomUUID();
    await()
        .atMost(OUTCOME_BOUND)
        .ignoreExceptionsInstanceOf(StatusRuntimeException.class)
        .until(
            () -> place(retriedId, Style.SYNC, "SKU-BREAD", 1).getState() == OrderState.CONFIRMED);

    // The order accepted during the outage completes once inventory-service is back.
    await()
        .atMost(OUTCOME_BOUND)
        .untilAsserted(
            () ->
                assertThat(notificationsOfSku("SKU-BREAD"))
                    .as("the async order accepted during the outage is confirmed and notified")
                    .anyMatch(
                        n ->
                            n.getOutcome() == OrderState.CONFIRMED && n.getStyle() == Style.ASYNC));
  }

  // --- helpers ---

  @Test
  void requestBytesThatAreNoValidRequestAreRefusedOnEveryMethodAndChangeNothing() throws Exception {
    int perMethod = Integer.getInteger("fuzz.perMethod", 100);
    List<Stock> stockBefore = stock();
    int notificationsBefore = notifications();
    Map<ManagedChannel, List<ServiceDescriptor>> servers =
        Map.of(
            orderChannel,
            List.of(OrderServiceGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()),
            inventoryChannel,
            List.of(InventoryServiceGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()),
            notificationChannel,
            List.of(
                NotificationServiceGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor()));
    RequestFuzzer fuzzer = new RequestFuzzer(20261201L);
    Map<String, Map<Status.Code, Integer>> seen = new java.util.TreeMap<>();
    for (var server : servers.entrySet()) {
      for (ServiceDescriptor service : server.getValue()) {
        fuzzer
            .fuzz(server.getKey(), service, perMethod)
            .forEach(
                (method, codes) ->
                    seen.merge(
                        method,
                        codes,
                        (a, b) -> {
                          b.forEach((code, n) -> a.merge(code, n, Integer::sum));
                          return a;
                        }));
      }
    }
    System.out.println("Fuzzed " + perMethod + " requests per method and server: " + seen);

    for (var method : seen.entrySet()) {
      assertThat(method.getValue().keySet())
          .as(method.getKey() + " answers: " + method.getValue())
          .doesNotContain(Status.Code.UNKNOWN, Status.Code.INTERNAL)
          .contains(Status.Code.INVALID_ARGUMENT);
    }
    assertThat(stock()).as("no stock reserved or released").isEqualTo(stockBefore);
    assertThat(notifications()).as("no notification recorded").isEqualTo(notificationsBefore);
    for (ManagedChannel channel : servers.keySet()) {
      assertThat(
              HealthGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(5, TimeUnit.SECONDS)
                  .check(HealthCheckRequest.getDefaultInstance())
                  .getStatus())
          .as("still SERVING")
          .isEqualTo(HealthCheckResponse.ServingStatus.SERVING);
    }
  }

  private record Stock(String sku, int available, int reserved) {}

  private static List<Stock> stock() {
    return InventoryServiceGrpc.newBlockingStub(inventoryChannel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .getStock(GetStockRequest.getDefaultInstance())
        .getLevelsList()
        .stream()
        .map(i -> new Stock(i.getSku(), i.getAvailable(), i.getReserved()))
        .toList();
  }

  private static int notifications() {
    return NotificationServiceGrpc.newBlockingStub(notificationChannel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .list(ListNotificationsRequest.newBuilder().setLimit(1000).build())
        .getNotificationsCount();
  }

  private static Order place(Style style, String sku, int quantity) {
    return place("flow-" + UUID.randomUUID(), style, sku, quantity);
  }

  private static Order place(String orderId, Style style, String sku, int quantity) {
    return OrderServiceGrpc.newBlockingStub(orderChannel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId(orderId)
                .setSku(sku)
                .setQuantity(quantity)
                .setStyle(style)
                .build());
  }

  /** Follows WatchOrder to the end of the stream and returns the last state. */
  private static Order finalState(String orderId) {
    Iterator<Order> stream =
        OrderServiceGrpc.newBlockingStub(orderChannel)
            .withDeadlineAfter(OUTCOME_BOUND.toSeconds(), TimeUnit.SECONDS)
            .watchOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
    Order last = null;
    while (stream.hasNext()) {
      last = stream.next();
    }
    return last;
  }

  private static int available(String sku) {
    return InventoryServiceGrpc.newBlockingStub(inventoryChannel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .getStock(GetStockRequest.newBuilder().setSku(sku).build())
        .getLevels(0)
        .getAvailable();
  }

  private static Notification notificationOf(String orderId) {
    var list =
        NotificationServiceGrpc.newBlockingStub(notificationChannel)
            .withDeadlineAfter(5, TimeUnit.SECONDS);
    await()
        .atMost(OUTCOME_BOUND)
        .ignoreExceptionsInstanceOf(StatusRuntimeException.class)
        .until(
            () ->
                list.list(ListNotificationsRequest.newBuilder().setOrderId(orderId).build())
                        .getNotificationsCount()
                    == 1);
    return list.list(ListNotificationsRequest.newBuilder().setOrderId(orderId).build())
        .getNotifications(0);
  }

  private static java.util.List<Notification> notificationsOfSku(String sku) {
    return NotificationServiceGrpc.newBlockingStub(notificationChannel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .list(ListNotificationsRequest.newBuilder().setLimit(1000).build())
        .getNotificationsList()
        .stream()
        .filter(n -> n.getMessage().contains(sku))
        .toList();
  }
}
