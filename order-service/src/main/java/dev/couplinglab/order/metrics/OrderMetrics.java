package dev.couplinglab.order.metrics;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.order.api.EntryPools;
import dev.couplinglab.order.flow.Resilience;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.metrics.ServiceMetrics;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * What a client of each style gets, as order-service sees it: how long PlaceOrder took to answer
 * and with which code ({@code couplinglab_order_answer_seconds{style, code}}: the sync chain's
 * answer, the async accept), how long an order took from creation to its final state ({@code
 * couplinglab_order_completion_seconds{style}}), and the final states reached ({@code
 * couplinglab_orders_final_total{style, state}}). The sync chain's guards are read from their own
 * counters: retries, breaker and bulkhead refusals, refusals by the full sync pool.
 */
public final class OrderMetrics {

  private static final double[] BOUNDS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300
  };

  private final Histogram answers;
  private final Histogram completions;
  private final Counter finals;

  public OrderMetrics(ServiceMetrics metrics) {
    this.answers =
        Histogram.builder()
            .name(ServiceMetrics.PREFIX + "order_answer_seconds")
            .help("PlaceOrder, from the call's start to its answer, by style and gRPC code")
            .unit(Unit.SECONDS)
            .labelNames("style", "code")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .register(metrics.registry());
    this.completions =
        Histogram.builder()
            .name(ServiceMetrics.PREFIX + "order_completion_seconds")
            .help("orders from their creation to a final state, by style")
            .unit(Unit.SECONDS)
            .labelNames("style")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .register(metrics.registry());
    this.finals =
        Counter.builder()
            .name(ServiceMetrics.PREFIX + "orders_final")
            .help("orders that reached a final state, by style and state")
            .labelNames("style", "state")
            .register(metrics.registry());
  }

  /** The sync chain's guards, read at each scrape. */
  public static void guards(ServiceMetrics metrics, Resilience resilience, EntryPools pools) {
    metrics.counter("sync_retries", "sync calls retried", () -> resilience.counters().retries());
    metrics.counter(
        "sync_breaker_rejections",
        "sync calls the circuit breaker refused",
        () -> resilience.counters().rejectedByBreaker());
    metrics.counter(
        "sync_bulkhead_rejections",
        "sync calls the bulkhead refused",
        () -> resilience.counters().rejectedByBulkhead());
    GaugeWithCallback.builder()
        .name(ServiceMetrics.PREFIX + "sync_breaker_open")
        .help("1 while the circuit breaker to that service is open or half open, else 0")
        .labelNames("peer")
        .callback(
            cb -> {
              Resilience.Counters c = resilience.counters();
              cb.call(open(c.inventoryBreakerState()), "inventory-service");
              cb.call(open(c.notificationBreakerState()), "notification-service");
            })
        .register(metrics.registry());
    metrics.counter(
        "sync_entry_refused",
        "sync PlaceOrders refused because the sync pool and its queue were full",
        pools::refused);
    metrics.gauge("sync_entry_queued", "sync chains waiting for a thread", pools::queued);
  }

  private static double open(String breakerState) {
    return breakerState != null && breakerState.contains("OPEN") ? 1 : 0; // OPEN, HALF_OPEN...
  }

  /** Times PlaceOrder's answers by the request's style (put it outermost). */
  public ServerInterceptor answers() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor()
            .getFullMethodName()
            .equals(OrderServiceGrpc.getPlaceOrderMethod().getFullMethodName())) {
          return next.startCall(call, headers);
        }
        long start = System.nanoTime();
        String[] style = {"unknown"};
        ServerCall<Q, R> timed =
            new SimpleForwardingServerCall<>(call) {
              @Override
              public void close(Status status, Metadata trailers) {
                answers
                    .labelValues(style[0], status.getCode().name())
                    .observe((System.nanoTime() - start) / 1e9);
                super.close(status, trailers);
              }
            };
        return new SimpleForwardingServerCallListener<>(next.startCall(timed, headers)) {
          @Override
          public void onMessage(Q message) {
            if (message instanceof PlaceOrderRequest request) {
              style[0] = styleLabel(request.getStyle());
            }
            super.onMessage(message);
          }
        };
      }
    };
  }

  /** An order's committed change (OrderUpdates): counted when it is a final state. */
  public void changed(Order order) {
    switch (order.getState()) {
      case CONFIRMED, REJECTED, FAILED -> {
        String style = styleLabel(order.getStyle());
        finals.labelValues(style, order.getState().name()).inc();
        long micros = order.getUpdatedAtMicros() - order.getCreatedAtMicros();
        if (order.getCreatedAtMicros() > 0 && micros >= 0) {
          completions.labelValues(style).observe(micros / 1e6);
        }
      }
      default -> {}
    }
  }

  private static String styleLabel(Style style) {
    String name = LogContext.styleName(style);
    return name.isEmpty() ? "unknown" : name;
  }
}
