package dev.couplinglab.bench;

import com.google.common.util.concurrent.ListenableFuture;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.ListNotificationsResponse;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.NotifyRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.ReserveRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.experiment.model.RunStyle;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The benchmark's client of the system: places orders on order-service and reads notifications from
 * notification-service. Orders take one unit of the three large SKUs in turn, so stock lasts for
 * 300,000 orders (later ones are REJECTED, which is still a complete order, not an error).
 */
final class OrderClient implements AutoCloseable {

  static final Duration CALL_DEADLINE = Duration.ofSeconds(10);

  private static final List<String> SKUS = List.of("SKU-APPLE", "SKU-BREAD", "SKU-COFFEE");

  private final ManagedChannel orders;
  private final ManagedChannel inventory;
  private final ManagedChannel notifications;
  private final AtomicLong sequence = new AtomicLong();

  OrderClient(String orderAddress, String inventoryAddress, String notificationAddress) {
    // Callbacks run on the transport threads: the client stays light on a machine it shares.
    this.orders =
        ManagedChannelBuilder.forTarget(orderAddress).usePlaintext().directExecutor().build();
    this.inventory =
        ManagedChannelBuilder.forTarget(inventoryAddress).usePlaintext().directExecutor().build();
    this.notifications =
        ManagedChannelBuilder.forTarget(notificationAddress)
            .usePlaintext()
            .directExecutor()
            .build();
  }

  /**
   * One of the sync chain's hops on its own: inventory-service Reserve of one unit for a fresh
   * order id, as order-service sends it.
   */
  void reserve(String orderId, String sku) {
    InventoryServiceGrpc.newBlockingStub(inventory)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .reserve(
            ReserveRequest.newBuilder().setOrderId(orderId).setSku(sku).setQuantity(1).build());
  }

  /** The chain's other hop on its own: notification-service Notify of a CONFIRMED order. */
  void notify(String orderId, String sku) {
    NotificationServiceGrpc.newBlockingStub(notifications)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .notify(
            NotifyRequest.newBuilder()
                .setOrderId(orderId)
                .setOutcome(OrderState.CONFIRMED)
                .setStyle(Style.SYNC)
                .setSku(sku)
                .setQuantity(1)
                .build());
  }

  /** The SKU the next order takes (the three large ones in turn). */
  String nextSku() {
    return SKUS.get((int) (sequence.getAndIncrement() % SKUS.size()));
  }

  /** A new request of {@code style} with a fresh order id. */
  PlaceOrderRequest newRequest(Style style) {
    return newRequest(style, UUID.randomUUID().toString());
  }

  /** The load's requests: {@code orderId}, the next SKU, one unit. */
  PlaceOrderRequest newRequest(RunStyle style, String orderId) {
    return newRequest(style.proto(), orderId);
  }

  private PlaceOrderRequest newRequest(Style style, String orderId) {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(orderId)
        .setSku(nextSku())
        .setQuantity(1)
        .setStyle(style)
        .setCustomerId("bench")
        .build();
  }

  Order place(PlaceOrderRequest request) {
    return OrderServiceGrpc.newBlockingStub(orders)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .placeOrder(request);
  }

  /** The channel to order-service, for the load generator. */
  Channel orderChannel() {
    return orders;
  }

  ListenableFuture<Order> placeAsync(PlaceOrderRequest request) {
    return OrderServiceGrpc.newFutureStub(orders)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .placeOrder(request);
  }

  /** Follows WatchOrder until the order is final (the stream completes then). */
  Order awaitFinal(String orderId, Duration bound) {
    Iterator<Order> updates =
        OrderServiceGrpc.newBlockingStub(orders)
            .withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS)
            .watchOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
    Order last = null;
    while (updates.hasNext()) {
      last = updates.next();
    }
    if (last == null || last.getState() == OrderState.PENDING) {
      throw new IllegalStateException("order " + orderId + " did not become final");
    }
    return last;
  }

  /** Polls notification-service every millisecond until the order's notification is recorded. */
  Notification awaitNotification(String orderId, Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      Optional<Notification> found = notification(orderId);
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("no notification of " + orderId + " within " + bound);
      }
      Pause.millis(1);
    }
  }

  /** The order's notification, or empty while there is none (List answers NOT_FOUND then). */
  Optional<Notification> notification(String orderId) {
    try {
      return NotificationServiceGrpc.newBlockingStub(notifications)
          .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .list(listRequest(orderId))
          .getNotificationsList()
          .stream()
          .findFirst();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  ListenableFuture<ListNotificationsResponse> notificationAsync(String orderId) {
    return NotificationServiceGrpc.newFutureStub(notifications)
        .withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
        .list(listRequest(orderId));
  }

  private static ListNotificationsRequest listRequest(String orderId) {
    return ListNotificationsRequest.newBuilder().setOrderId(orderId).setLimit(1).build();
  }

  /** Wall clock in microseconds since the epoch, the clock notification-service stamps with. */
  static long wallMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }

  @Override
  public void close() {
    orders.shutdownNow();
    inventory.shutdownNow();
    notifications.shutdownNow();
  }
}
