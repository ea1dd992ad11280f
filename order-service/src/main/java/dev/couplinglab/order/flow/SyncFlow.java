package dev.couplinglab.order.flow;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc.NotificationServiceBlockingStub;
import dev.couplinglab.contracts.v1.NotifyRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReleaseRequest;
import dev.couplinglab.contracts.v1.ReserveRequest;
import dev.couplinglab.order.domain.Micros;
import dev.couplinglab.order.domain.OrderRules;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.grpc.Tracing;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.sql.SQLException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SYNC style: store the order, call inventory-service Reserve, then notification-service
 * Notify, each with a deadline, and answer with the final state. The client waits for every hop and
 * inherits every hop's failure: that coupling is what this class shows.
 *
 * <p>When Reserve fails in a way that leaves its outcome unknown (deadline, cancellation), the
 * reservation is released in the background, so a slow inventory never keeps stock for a FAILED
 * order. Every downstream call is idempotent by order id, so a client may retry PlaceOrder with the
 * same order id: the chain resumes where it stopped. That idempotency is also what lets {@link
 * Resilience} retry a call that answered UNAVAILABLE.
 */
public final class SyncFlow {

  private static final Logger log = LoggerFactory.getLogger(SyncFlow.class);

  /**
   * Where the sync chain sends its calls, and how they are protected (deadlines, retries, breaker,
   * bulkhead: see {@link Resilience}).
   */
  public record Downstream(
      InventoryServiceBlockingStub inventory,
      NotificationServiceBlockingStub notifications,
      Resilience resilience) {}

  private final Database database;
  private final OrderUpdates updates;
  private final Downstream downstream;
  private final Executor compensations;

  public SyncFlow(
      Database database, OrderUpdates updates, Downstream downstream, Executor compensations) {
    this.database = database;
    this.updates = updates;
    this.downstream = downstream;
    this.compensations = compensations;
  }

  /**
   * Runs whatever is left of the chain for a stored order: all of it for a new one, the rest after
   * a retry or a failure. Throws the downstream failure as a gRPC status.
   */
  public Order resume(Order order) throws SQLException {
    boolean undecided =
        order.getState() == OrderState.PENDING || order.getState() == OrderState.FAILED;
    Order decided = undecided ? reserve(order) : order;
    // An outcome decided just now cannot have been notified yet: only a replayed outcome needs
    // the store read (it saves one transaction per sync order on the hot path).
    if (OrderRules.isOutcome(decided.getState()) && (undecided || !isNotified(decided))) {
      notifyOutcome(decided);
    }
    return decided;
  }

  private Order reserve(Order order) throws SQLException {
    ReserveRequest request =
        ReserveRequest.newBuilder()
            .setOrderId(order.getOrderId())
            .setSku(order.getSku())
            .setQuantity(order.getQuantity())
            .build();
    try {
      downstream
          .resilience()
          .call(
              Resilience.Target.INVENTORY,
              deadline -> downstream.inventory().withDeadline(deadline).reserve(request));
      return record(order, OrderState.CONFIRMED, RejectReason.REJECT_REASON_UNSPECIFIED, "");
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      if (status.getCode() == Status.Code.FAILED_PRECONDITION) {
        return record(order, OrderState.REJECTED, rejectReason(e), status.getDescription());
      }
      String failure = "inventory-service Reserve failed: " + describe(status);
      record(order, OrderState.FAILED, RejectReason.REJECT_REASON_UNSPECIFIED, failure);
      if (outcomeUnknown(status.getCode())) {
        releaseInBackground(order);
      }
      throw downstreamError(status, failure + "; order " + order.getOrderId() + " is FAILED", e);
    }
  }

  private void notifyOutcome(Order order) throws SQLException {
    NotifyRequest request =
        NotifyRequest.newBuilder()
            .setOrderId(order.getOrderId())
            .setOutcome(order.getState())
            .setStyle(order.getStyle())
            .setSku(order.getSku())
            .setQuantity(order.getQuantity())
            .setDetail(order.getDetail())
            .build();
    try {
      downstream
          .resilience()
          .call(
              Resilience.Target.NOTIFICATION,
              deadline -> downstream.notifications().withDeadline(deadline).notify(request));
    } catch (StatusRuntimeException e) {
      String failure =
          "order "
              + order.getOrderId()
              + " is "
              + order.getState()
              + " but notification-service Notify failed: "
              + describe(e.getStatus());
      log.warn(failure);
      throw downstreamError(e.getStatus(), failure, e);
    }
    database.inTransaction(
        c -> {
          OrderStore.markNotified(c, order.getOrderId());
          return null;
        });
    log.info("Notification recorded for {} order", order.getState());
  }

  private Order record(Order order, OrderState state, RejectReason reason, String detail)
      throws SQLException {
    Order updated =
        order.toBuilder()
            .setState(state)
            .setRejectReason(reason)
            .setDetail(detail == null ? "" : detail)
            .setUpdatedAtMicros(Micros.now())
            .build();
    database.inTransaction(c -> OrderStore.update(c, updated));
    updates.publish(updated);
    if (state == OrderState.CONFIRMED) {
      log.info(
          "CONFIRMED: inventory-service reserved {} x {}", order.getQuantity(), order.getSku());
    } else {
      log.info("{}: {}", state, updated.getDetail());
    }
    return updated;
  }

  private boolean isNotified(Order order) throws SQLException {
    return database.inTransaction(c -> OrderStore.isNotified(c, order.getOrderId()));
  }

  /** Gives back stock that a timed-out Reserve may have taken. Best effort; idempotent. */
  private void releaseInBackground(Order order) {
    compensations.execute(
        () ->
            Tracing.withTraceId(order.getTraceId())
                .run(
                    () -> {
                      try (var ctx =
                          LogContext.open(
                              order.getOrderId(), order.getTraceId(), order.getStyle())) {
                        ReleaseRequest release =
                            ReleaseRequest.newBuilder().setOrderId(order.getOrderId()).build();
                        downstream
                            .resilience()
                            .callUnshed(
                                Resilience.Target.INVENTORY,
                                deadline ->
                                    downstream.inventory().withDeadline(deadline).release(release));
                        log.info("Released the reservation of FAILED order (compensation)");
                      } catch (StatusRuntimeException e) {
                        log.warn(
                            "Compensation failed, reservation may be held: {}",
                            describe(e.getStatus()));
                      }
                    }));
  }

  /** A Reserve that timed out or was cancelled may still have been applied. */
  private static boolean outcomeUnknown(Status.Code code) {
    return code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.CANCELLED
        || code == Status.Code.UNKNOWN
        || code == Status.Code.INTERNAL;
  }

  /**
   * Passes on codes that mean something to the client. UNKNOWN is what grpc-java reports when the
   * connection dies mid-call ("channel closed"): to the client that is the dependency going away,
   * so UNAVAILABLE. Anything else is a bug somewhere downstream: INTERNAL.
   */
  private static StatusRuntimeException downstreamError(
      Status status, String description, Throwable cause) {
    Status.Code code =
        switch (status.getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED -> status.getCode();
          case UNKNOWN -> Status.Code.UNAVAILABLE;
          default -> Status.Code.INTERNAL;
        };
    return code.toStatus().withDescription(description).withCause(cause).asRuntimeException();
  }

  /** The reject reason inventory-service put in an ErrorInfo detail; short stock if none. */
  private static RejectReason rejectReason(StatusRuntimeException e) {
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any any : details.getDetailsList()) {
        if (any.is(ErrorInfo.class)) {
          try {
            return RejectReason.valueOf(any.unpack(ErrorInfo.class).getReason());
          } catch (InvalidProtocolBufferException | IllegalArgumentException ignored) {
            // fall through to the default
          }
        }
      }
    }
    return RejectReason.INSUFFICIENT_STOCK;
  }

  private static String describe(Status status) {
    return status.getDescription() == null
        ? status.getCode().toString()
        : status.getCode() + ": " + status.getDescription();
  }
}
