package dev.couplinglab.order.flow;

import static dev.couplinglab.order.repair.RepairText.describe;

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
import dev.couplinglab.order.repair.RepairKind;
import dev.couplinglab.order.repair.RepairStore;
import dev.couplinglab.order.repair.Repairs;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Telemetry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SYNC style: store the order, call inventory-service Reserve, then notification-service
 * Notify, each with a deadline, and answer with the final state. The client waits for every hop and
 * inherits every hop's failure: that coupling is what this class shows.
 *
 * <p>When Reserve fails in a way that leaves its outcome unknown (deadline, cancellation), the
 * reservation must be released. With repair {@code none} that is one best-effort Release in the
 * background (lost if inventory-service cannot be reached then); with repair {@code durable} the
 * Release is recorded in the transaction that makes the order FAILED, and a Notify is recorded in
 * the one that decides the order, so the {@code RepairWorker} makes whichever call the chain could
 * not. Every downstream call is idempotent by order id, so a client may retry PlaceOrder with the
 * same order id: the chain resumes where it stopped (not while a Release is still owed, which would
 * race the new Reserve). That idempotency is also what lets {@link Resilience} retry a call that
 * answered UNAVAILABLE.
 */
public final class SyncFlow {

  private static final Logger log = LoggerFactory.getLogger(SyncFlow.class);

  /** Leaves the chain's own Notify attempt (bounded by its deadline) time before the worker's. */
  private static final Duration NOTIFY_GRACE = Duration.ofSeconds(1);

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
  private final Repairs repairs;
  private final OwedCallSpans owedSpans;

  public SyncFlow(
      Database database,
      OrderUpdates updates,
      Downstream downstream,
      Executor compensations,
      Repairs repairs,
      Telemetry telemetry) {
    this.owedSpans = new OwedCallSpans(telemetry);
    this.database = database;
    this.updates = updates;
    this.downstream = downstream;
    this.compensations = compensations;
    this.repairs = repairs;
  }

  /**
   * Runs whatever is left of the chain for a stored order: all of it for a new one, the rest after
   * a retry or a failure. Throws the downstream failure as a gRPC status.
   */
  public Order resume(Order order) throws SQLException {
    if (order.getState() == OrderState.FAILED) {
      refuseWhileReleaseIsOwed(order);
    }
    boolean undecided =
        order.getState() == OrderState.PENDING || order.getState() == OrderState.FAILED;
    Order decided = undecided ? reserve(order) : order;
    // An outcome decided just now cannot have been notified yet: only a replayed outcome needs
    // the store read (it saves one transaction per sync order on the hot path).
    if (OrderRules.isOutcome(decided.getState()) && (undecided || !isNotified(decided))) {
      notifyOutcome(decided, !undecided);
    }
    return decided;
  }

  /**
   * At start-up, before the server takes calls: the sync orders a crash left PENDING (their chain
   * was cut between the store and the answer, so the client got no outcome) become FAILED, as a
   * timed-out Reserve makes them, and their Release is owed: recorded for repair with {@code
   * repair: durable}, one best-effort attempt with {@code none}. A client that places the same
   * order again gets a new chain, as after any FAILED. Returns how many there were.
   */
  public int failCutChains() throws SQLException {
    List<Order> cut = database.inTransaction(OrderStore::pendingSync);
    for (Order order : cut) {
      try (var trace = OwedCallSpans.inOrderTrace(order);
          var ctx = LogContext.open(order.getOrderId(), order.getStyle())) {
        failReleaseOwed(
            order,
            "order-service stopped while the sync chain ran; inventory-service may have applied"
                + " the Reserve",
            "its chain was cut");
      }
    }
    if (!cut.isEmpty()) {
      log.warn(
          "{} sync order(s) left PENDING by a stop are FAILED now, their Release owed", cut.size());
    }
    return cut.size();
  }

  /**
   * Makes a call the chain owes, for the repair worker: the chain's own requests, not shed by the
   * breaker or the bulkhead (the work is owed whatever they think). Throws the downstream failure.
   */
  public void makeOwed(RepairKind kind, Order order) {
    owedSpans.run(kind, order, () -> callOwed(kind, order));
  }

  private void callOwed(RepairKind kind, Order order) {
    switch (kind) {
      case RELEASE -> {
        ReleaseRequest release = ReleaseRequest.newBuilder().setOrderId(order.getOrderId()).build();
        downstream
            .resilience()
            .callUnshed(
                Resilience.Target.INVENTORY,
                deadline -> downstream.inventory().withDeadline(deadline).release(release));
      }
      case NOTIFY ->
          downstream
              .resilience()
              .callUnshed(
                  Resilience.Target.NOTIFICATION,
                  deadline ->
                      downstream
                          .notifications()
                          .withDeadline(deadline)
                          .notify(notifyRequest(order)));
    }
  }

  private Order reserve(Order order) throws SQLException {
    ReserveRequest request =
        ReserveRequest.newBuilder()
            .setOrderId(order.getOrderId())
            .setSku(order.getSku())
            .setQuantity(order.getQuantity())
            .build();
    RepairKind notifyOwed = repairs.durable() ? RepairKind.NOTIFY : null;
    try {
      downstream
          .resilience()
          .call(
              Resilience.Target.INVENTORY,
              deadline -> downstream.inventory().withDeadline(deadline).reserve(request));
      return record(
          order, OrderState.CONFIRMED, RejectReason.REJECT_REASON_UNSPECIFIED, "", notifyOwed);
    } catch (StatusRuntimeException e) {
      Status status = e.getStatus();
      if (status.getCode() == Status.Code.FAILED_PRECONDITION) {
        return record(
            order,
            OrderState.REJECTED,
            DownstreamErrors.rejectReason(e),
            status.getDescription(),
            notifyOwed);
      }
      String failure = "inventory-service Reserve failed: " + describe(status);
      if (DownstreamErrors.outcomeUnknown(status.getCode())) {
        failReleaseOwed(order, failure, "Reserve may have been applied");
      } else {
        record(order, OrderState.FAILED, RejectReason.REJECT_REASON_UNSPECIFIED, failure, null);
      }
      throw DownstreamErrors.toClient(
          status, failure + "; order " + order.getOrderId() + " is FAILED", e);
    }
  }

  /**
   * A new Reserve for a FAILED order must wait until its Release is acknowledged: sent first, the
   * Reserve could take stock that the late Release then gives back from a CONFIRMED order.
   */
  private void refuseWhileReleaseIsOwed(Order order) throws SQLException {
    boolean owed =
        database.inTransaction(
            c -> RepairStore.find(c, order.getOrderId(), RepairKind.RELEASE).isPresent());
    if (owed) {
      throw Status.UNAVAILABLE
          .withDescription(
              "order "
                  + order.getOrderId()
                  + " is FAILED and its Release has not reached inventory-service yet (repair"
                  + " pending); retry later")
          .asRuntimeException();
    }
  }

  private void notifyOutcome(Order order, boolean replayed) throws SQLException {
    Lock lock = repairs.lockFor(order.getOrderId());
    lock.lock();
    try {
      if (replayed && isNotified(order)) {
        return; // the repair worker got there first
      }
      try {
        makeNotify(order);
      } catch (StatusRuntimeException e) {
        throw notifyFailed(order, e);
      }
      database.inTransaction(
          c -> {
            OrderStore.markNotified(c, order.getOrderId());
            repairs.settle(c, order.getOrderId(), RepairKind.NOTIFY);
            return null;
          });
    } finally {
      lock.unlock();
    }
    log.info("Notification recorded for {} order", order.getState());
  }

  private void makeNotify(Order order) {
    NotifyRequest request = notifyRequest(order);
    downstream
        .resilience()
        .call(
            Resilience.Target.NOTIFICATION,
            deadline -> downstream.notifications().withDeadline(deadline).notify(request));
  }

  private StatusRuntimeException notifyFailed(Order order, StatusRuntimeException e)
      throws SQLException {
    String failure =
        "order "
            + order.getOrderId()
            + " is "
            + order.getState()
            + " but notification-service Notify failed: "
            + describe(e.getStatus());
    if (repairs.durable()) {
      Duration pause =
          repairs.handOver(order.getOrderId(), RepairKind.NOTIFY, describe(e.getStatus()));
      log.warn("{}; recorded for repair, next attempt in {} ms", failure, pause.toMillis());
      failure += "; it will be sent by repair";
    } else {
      log.warn(failure);
    }
    return DownstreamErrors.toClient(e.getStatus(), failure, e);
  }

  private static NotifyRequest notifyRequest(Order order) {
    return NotifyRequest.newBuilder()
        .setOrderId(order.getOrderId())
        .setOutcome(order.getState())
        .setStyle(order.getStyle())
        .setSku(order.getSku())
        .setQuantity(order.getQuantity())
        .setDetail(order.getDetail())
        .build();
  }

  /**
   * Makes the order FAILED when its Reserve may have been applied: the Release is recorded for
   * repair in the same transaction ({@code repair: durable}), or tried once in the background
   * ({@code none}).
   */
  private void failReleaseOwed(Order order, String failure, String why) throws SQLException {
    boolean durable = repairs.durable();
    record(
        order,
        OrderState.FAILED,
        RejectReason.REJECT_REASON_UNSPECIFIED,
        failure,
        durable ? RepairKind.RELEASE : null);
    if (durable) {
      repairs.recorded();
      log.info("Release of the FAILED order recorded for repair: {}", why);
    } else {
      releaseInBackground(order);
    }
  }

  /** Writes the new state and, in the same transaction, the repair it owes (if any). */
  private Order record(
      Order order, OrderState state, RejectReason reason, String detail, RepairKind owed)
      throws SQLException {
    Order updated =
        order.toBuilder()
            .setState(state)
            .setRejectReason(reason)
            .setDetail(detail == null ? "" : detail)
            .setUpdatedAtMicros(Micros.now())
            .build();
    Duration firstTry =
        owed == RepairKind.NOTIFY
            ? downstream.resilience().policy().notificationDeadline().plus(NOTIFY_GRACE)
            : Duration.ZERO;
    database.inTransaction(
        c -> {
          boolean written = OrderStore.update(c, updated);
          if (owed != null) {
            repairs.owe(c, order.getOrderId(), owed, firstTry);
          }
          return written;
        });
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

  /**
   * Repair none: gives back stock that a timed-out Reserve may have taken, in one best-effort
   * attempt. Its log lines carry the order's ids (the catch is inside the log context).
   */
  private void releaseInBackground(Order order) {
    // Not in the caller's context: that is the PlaceOrder call's, cancelled by now (its deadline);
    // the compensation's span continues the order's trace from the order's stored traceparent.
    compensations.execute(
        () -> {
          try (var trace = OwedCallSpans.inOrderTrace(order);
              var ctx = LogContext.open(order.getOrderId(), order.getStyle())) {
            makeOwed(RepairKind.RELEASE, order);
            log.info("Released the reservation of FAILED order (compensation)");
          } catch (StatusRuntimeException e) {
            log.warn(
                "Compensation failed, reservation may be held (repair: none): {}",
                describe(e.getStatus()));
          }
        });
  }
}
