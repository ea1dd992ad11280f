package dev.couplinglab.bench;

import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import java.time.Duration;
import java.util.UUID;
import org.HdrHistogram.Histogram;

/**
 * The system unloaded: one order at a time, each complete before the next, after a warm-up.
 *
 * <ul>
 *   <li>sync: PlaceOrder(SYNC) round trip, which includes Reserve and Notify.
 *   <li>async accept: PlaceOrder(ASYNC) round trip (the PENDING answer).
 *   <li>async end to end: from just before PlaceOrder(ASYNC) is sent (client wall clock) until
 *       notification-service recorded the notification (its {@code recorded_at_micros}, same host
 *       clock). The client waits for it by following WatchOrder until the order is final, then
 *       polling NotificationService.List by order id every millisecond; the waiting does not enter
 *       the figure.
 *   <li>Reserve alone, Notify alone: the two calls the sync chain makes, sent by the benchmark
 *       straight to inventory-service and notification-service (fresh order ids, one unit). With
 *       the sync order they show how its time divides between order-service and the two hops.
 * </ul>
 */
final class UnloadedRun {

  private static final Duration ORDER_BOUND = Duration.ofSeconds(60);

  /** The distributions. */
  record Result(
      Latency sync,
      Latency asyncAccept,
      Latency asyncEndToEnd,
      Latency reserveAlone,
      Latency notifyAlone) {}

  private UnloadedRun() {}

  static Result run(OrderClient client, int warmUp, int measured) {
    for (int i = 0; i < warmUp; i++) {
      placeSync(client);
      placeAsyncAndWait(client);
    }
    Histogram sync = Latency.histogram();
    for (int i = 0; i < measured; i++) {
      Latency.record(sync, placeSync(client));
    }
    Histogram accept = Latency.histogram();
    Histogram endToEnd = Latency.histogram();
    for (int i = 0; i < measured; i++) {
      long[] figures = placeAsyncAndWait(client);
      Latency.record(accept, figures[0]);
      Latency.record(endToEnd, figures[1]);
    }
    Histogram reserve = Latency.histogram();
    Histogram notify = Latency.histogram();
    for (int i = 0; i < warmUp + measured; i++) {
      String orderId = "bench-hop-" + UUID.randomUUID();
      String sku = client.nextSku();
      long start = System.nanoTime();
      client.reserve(orderId, sku);
      long reserved = System.nanoTime();
      client.notify(orderId, sku);
      long notified = System.nanoTime();
      if (i >= warmUp) {
        Latency.record(reserve, reserved - start);
        Latency.record(notify, notified - reserved);
      }
    }
    return new Result(
        Latency.of(sync),
        Latency.of(accept),
        Latency.of(endToEnd),
        Latency.of(reserve),
        Latency.of(notify));
  }

  /** Nanoseconds of one sync order. */
  private static long placeSync(OrderClient client) {
    PlaceOrderRequest request = client.newRequest(Style.SYNC);
    long start = System.nanoTime();
    Order order = client.place(request);
    long nanos = System.nanoTime() - start;
    requireFinal(order);
    return nanos;
  }

  /** Nanoseconds of {accept, end to end} of one async order. */
  private static long[] placeAsyncAndWait(OrderClient client) {
    PlaceOrderRequest request = client.newRequest(Style.ASYNC);
    long sentMicros = OrderClient.wallMicros();
    long start = System.nanoTime();
    Order accepted = client.place(request);
    long acceptNanos = System.nanoTime() - start;
    if (accepted.getState() != OrderState.PENDING) {
      throw new IllegalStateException("async order answered " + accepted.getState());
    }
    requireFinal(client.awaitFinal(request.getOrderId(), ORDER_BOUND));
    Notification notification = client.awaitNotification(request.getOrderId(), ORDER_BOUND);
    long endToEndNanos = (notification.getRecordedAtMicros() - sentMicros) * 1000;
    return new long[] {acceptNanos, endToEndNanos};
  }

  private static void requireFinal(Order order) {
    if (order.getState() != OrderState.CONFIRMED && order.getState() != OrderState.REJECTED) {
      throw new IllegalStateException(
          "order " + order.getOrderId() + " ended " + order.getState() + ": " + order.getDetail());
    }
  }
}
