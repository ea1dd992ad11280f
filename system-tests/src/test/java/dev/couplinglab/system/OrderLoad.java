package dev.couplinglab.system;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import io.grpc.Channel;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open-loop load: one order of each style every {@code periodMillis}, whatever the answers do, so
 * an outage shows up as errors or waiting, not as fewer requests. Records what each call got.
 */
final class OrderLoad implements AutoCloseable {

  /** What one style's calls got back. */
  static final class Tally {
    final List<String> confirmed = new CopyOnWriteArrayList<>();
    final List<String> accepted = new CopyOnWriteArrayList<>();
    final Map<Status.Code, AtomicInteger> errors = new ConcurrentHashMap<>();
    final AtomicInteger sent = new AtomicInteger();

    int errorCount() {
      return errors.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    @Override
    public String toString() {
      return "sent "
          + sent
          + ", confirmed "
          + confirmed.size()
          + ", accepted "
          + accepted.size()
          + ", errors "
          + errors;
    }
  }

  final Tally sync = new Tally();
  final Tally async = new Tally();
  private final OrderServiceGrpc.OrderServiceFutureStub orders;
  private final String sku;
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final AtomicInteger sequence = new AtomicInteger();
  private final String runId = Long.toHexString(System.nanoTime());

  OrderLoad(Channel channel, String sku) {
    this.orders = OrderServiceGrpc.newFutureStub(channel);
    this.sku = sku;
  }

  OrderLoad start(long periodMillis) {
    ticker.scheduleAtFixedRate(
        () -> {
          send(Style.SYNC, sync);
          send(Style.ASYNC, async);
        },
        0,
        periodMillis,
        TimeUnit.MILLISECONDS);
    return this;
  }

  private void send(Style style, Tally tally) {
    String id =
        "load-" + runId + "-" + style.name().toLowerCase() + "-" + sequence.incrementAndGet();
    tally.sent.incrementAndGet();
    var request =
        PlaceOrderRequest.newBuilder()
            .setOrderId(id)
            .setSku(sku)
            .setQuantity(1)
            .setStyle(style)
            .build();
    Futures.addCallback(
        orders.withDeadlineAfter(5, TimeUnit.SECONDS).placeOrder(request),
        new FutureCallback<Order>() {
          @Override
          public void onSuccess(Order order) {
            if (order.getState() == OrderState.CONFIRMED) {
              tally.confirmed.add(id);
            } else if (order.getState() == OrderState.PENDING) {
              tally.accepted.add(id);
            }
          }

          @Override
          public void onFailure(Throwable error) {
            tally
                .errors
                .computeIfAbsent(Status.fromThrowable(error).getCode(), code -> new AtomicInteger())
                .incrementAndGet();
          }
        },
        MoreExecutors.directExecutor());
  }

  @Override
  public void close() throws InterruptedException {
    ticker.shutdown();
    ticker.awaitTermination(5, TimeUnit.SECONDS);
  }
}
