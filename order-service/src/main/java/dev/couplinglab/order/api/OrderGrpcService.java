package dev.couplinglab.order.api;

import dev.couplinglab.contracts.Catalogue;
import dev.couplinglab.contracts.Service;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.order.domain.Micros;
import dev.couplinglab.order.domain.OrderRules;
import dev.couplinglab.order.flow.AsyncFlow;
import dev.couplinglab.order.flow.OrderUpdates;
import dev.couplinglab.order.flow.SyncFlow;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.grpc.BadRequests;
import dev.couplinglab.platform.grpc.StoreErrors;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.telemetry.TraceContext;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * gRPC endpoint of order-service: validates, applies idempotency by order id, and hands the order
 * to the flow of its style; a sync order runs on the sync pool of {@link EntryPools} unless the
 * pool is shared. Every failure leaves as a status with a description.
 */
public final class OrderGrpcService extends OrderServiceGrpc.OrderServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(OrderGrpcService.class);

  private final Database database;
  private final SyncFlow syncFlow;
  private final AsyncFlow asyncFlow;
  private final OrderUpdates updates;
  private final EntryPools pools;

  public OrderGrpcService(
      Database database,
      SyncFlow syncFlow,
      AsyncFlow asyncFlow,
      OrderUpdates updates,
      EntryPools pools) {
    this.database = database;
    this.syncFlow = syncFlow;
    this.asyncFlow = asyncFlow;
    this.updates = updates;
    this.pools = pools;
  }

  @Override
  public void placeOrder(PlaceOrderRequest request, StreamObserver<Order> response) {
    List<Violation> violations = OrderRules.validate(request);
    if (!violations.isEmpty()) {
      response.onError(BadRequests.invalidArgument(violations));
      return;
    }
    if (Catalogue.find(request.getSku()).isEmpty()) {
      response.onError(
          Status.NOT_FOUND.withDescription("unknown SKU " + request.getSku()).asRuntimeException());
      return;
    }
    if (request.getStyle() != Style.SYNC || pools.shared()) {
      handle(request, response);
      return;
    }
    // The sync chain on its own pool (EntryPools); gRPC's Context carries deadline and trace id.
    long queuedAt = System.nanoTime();
    Runnable chain =
        io.opentelemetry.context.Context.current()
            .wrap(Context.current().wrap(() -> runQueued(request, response, queuedAt)));
    if (!pools.trySubmitSync(chain)) {
      response.onError(
          Status.RESOURCE_EXHAUSTED
              .withDescription(
                  "sync PlaceOrder refused, nothing stored: every sync thread is busy and the"
                      + " queue is full ("
                      + pools.describeSync()
                      + "); try again later")
              .asRuntimeException());
    }
  }

  private void runQueued(PlaceOrderRequest request, StreamObserver<Order> response, long since) {
    Context context = Context.current();
    if (context.isCancelled()) {
      long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
      Status status = Status.fromThrowable(context.cancellationCause());
      if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
        // The client has given up; what it is told hardly matters, but nothing is stored.
        response.onError(
            Status.DEADLINE_EXCEEDED
                .withDescription(
                    "deadline passed after " + waited + " ms in the sync queue; nothing stored")
                .asRuntimeException());
      }
      return;
    }
    try {
      handle(request, response);
    } catch (RuntimeException e) {
      // On the pool's thread: UnexpectedErrors (which guards the gRPC executor) is not there.
      log.error("Unhandled error in PlaceOrder", e);
      response.onError(
          Status.INTERNAL
              .withDescription("PlaceOrder failed unexpectedly: " + e)
              .asRuntimeException());
    }
  }

  private void handle(PlaceOrderRequest request, StreamObserver<Order> response) {
    String orderId =
        request.getOrderId().isEmpty() ? UUID.randomUUID().toString() : request.getOrderId();
    Span.current().setAttribute(Spans.ORDER_ID, orderId);
    Span.current().setAttribute(Spans.STYLE, LogContext.styleName(request.getStyle()));
    Span.current().setAttribute(Spans.SKU, request.getSku());
    try (var ctx = LogContext.open(orderId, request.getStyle())) {
      Order placed = place(request, orderId);
      Span.current().setAttribute(Spans.OUTCOME, placed.getState().name());
      response.onNext(placed);
      response.onCompleted();
    } catch (StatusRuntimeException e) {
      response.onError(e);
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.ORDER, e));
    }
  }

  private Order place(PlaceOrderRequest request, String orderId) throws SQLException {
    long now = Micros.now();
    Order pending =
        Order.newBuilder()
            .setOrderId(orderId)
            .setSku(request.getSku())
            .setQuantity(request.getQuantity())
            .setStyle(request.getStyle())
            .setCustomerId(request.getCustomerId())
            .setState(OrderState.PENDING)
            .setTraceId(TraceContext.currentTraceId())
            .setTraceparent(TraceContext.traceparent(io.opentelemetry.context.Context.current()))
            .setCreatedAtMicros(now)
            .setUpdatedAtMicros(now)
            .build();
    log.info("Placing {} x {} ({})", request.getQuantity(), request.getSku(), request.getStyle());
    boolean async = request.getStyle() == Style.ASYNC;
    // One transaction stores a new order (and, async, its event) or finds the one under that id.
    Optional<Order> existing =
        database.inTransaction(
            c -> {
              if (!OrderStore.insertIfAbsent(c, pending)) {
                return OrderStore.find(c, orderId);
              }
              if (async) {
                asyncFlow.queuePlaced(c, pending);
              }
              return Optional.<Order>empty();
            });
    if (existing.isPresent()) {
      return replay(existing.get(), request);
    }
    return async ? asyncFlow.accepted(pending) : syncFlow.resume(pending);
  }

  /** The same order id again: the same content resumes or returns it; other content is refused. */
  private Order replay(Order existing, PlaceOrderRequest request) throws SQLException {
    if (!OrderRules.sameRequest(existing, request)) {
      throw Status.ALREADY_EXISTS
          .withDescription(
              "order "
                  + existing.getOrderId()
                  + " already exists with other content ("
                  + existing.getQuantity()
                  + " x "
                  + existing.getSku()
                  + ", "
                  + existing.getStyle()
                  + ")")
          .asRuntimeException();
    }
    log.info("Order placed again with the same content; it is {}", existing.getState());
    return existing.getStyle() == Style.SYNC ? syncFlow.resume(existing) : existing;
  }

  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<Order> response) {
    try {
      response.onNext(load(request.getOrderId()));
      response.onCompleted();
    } catch (StatusRuntimeException e) {
      response.onError(e);
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.ORDER, e));
    }
  }

  @Override
  public void watchOrder(GetOrderRequest request, StreamObserver<Order> response) {
    var call = (ServerCallStreamObserver<Order>) response;
    var watch = new OrderWatch(call);
    try {
      Order current = load(request.getOrderId());
      Runnable unsubscribe = updates.subscribe(current.getOrderId(), watch::send);
      call.setOnCancelHandler(unsubscribe);
      watch.onFinal(unsubscribe);
      // Read again after subscribing: a change committed in between is not missed.
      watch.send(load(request.getOrderId()));
    } catch (StatusRuntimeException e) {
      response.onError(e);
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.ORDER, e));
    }
  }

  private Order load(String orderId) throws SQLException {
    if (!OrderRules.isValidOrderId(orderId)) {
      throw BadRequests.invalidArgument(
          List.of(new Violation("order_id", "must be 1 to 64 of [A-Za-z0-9._-]")));
    }
    return database
        .inTransaction(c -> OrderStore.find(c, orderId))
        .orElseThrow(
            () -> Status.NOT_FOUND.withDescription("no order " + orderId).asRuntimeException());
  }
}
