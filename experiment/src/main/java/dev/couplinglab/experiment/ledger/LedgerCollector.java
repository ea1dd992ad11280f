package dev.couplinglab.experiment.ledger;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.RunStyle;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Reads the ledger through the public gRPC APIs only: GetStock before and after, GetOrder for every
 * order of the run, NotificationService.List for every final outcome. Re-reads until the ledger is
 * clean or only problems that cannot heal remain (a sync Notify that failed is never retried),
 * within a bound, because async notifications and compensations land a little after the orders are
 * final.
 */
public final class LedgerCollector implements AutoCloseable {

  private static final long CALL_DEADLINE_MS = 3000;
  private static final long ROUND_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

  private final OrderServiceGrpc.OrderServiceBlockingStub orders;
  private final InventoryServiceGrpc.InventoryServiceBlockingStub inventory;
  private final NotificationServiceGrpc.NotificationServiceBlockingStub notifications;
  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  public LedgerCollector(Channel order, Channel inventory, Channel notification) {
    this.orders = OrderServiceGrpc.newBlockingStub(order);
    this.inventory = InventoryServiceGrpc.newBlockingStub(inventory);
    this.notifications = NotificationServiceGrpc.newBlockingStub(notification);
  }

  /** The SKU's reserved count now. */
  public long reserved(String sku) {
    List<StockLevel> levels =
        inventory
            .withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS)
            .getStock(GetStockRequest.newBuilder().setSku(sku).build())
            .getLevelsList();
    return levels.stream()
        .filter(l -> l.getSku().equals(sku))
        .findFirst()
        .orElseThrow()
        .getReserved();
  }

  /**
   * Reads the ledger, again every half second while it could still heal, until {@code untilNanos}
   * on {@code now}'s clock.
   */
  public LedgerResult settle(
      List<OrderRecord> records,
      String sku,
      int quantity,
      long reservedBefore,
      LongSupplier now,
      long untilNanos)
      throws InterruptedException {
    Map<String, StoredOrder> settled = new HashMap<>();
    while (true) {
      List<StoredOrder> stored = new ArrayList<>(settled.values());
      List<Callable<StoredOrder>> reads = new ArrayList<>();
      for (OrderRecord r : records) {
        if (!settled.containsKey(r.orderId())) {
          reads.add(() -> read(r, quantity));
        }
      }
      try {
        for (Future<StoredOrder> f : pool.invokeAll(reads)) {
          StoredOrder o = join(f);
          stored.add(o);
          if (isSettled(o)) {
            settled.put(o.orderId(), o);
          }
        }
        LedgerResult result =
            Ledger.compute(stored, reservedBefore, reserved(sku)).readAt(now.getAsLong());
        if (!canHeal(result, stored) || now.getAsLong() >= untilNanos) {
          return result;
        }
      } catch (StatusRuntimeException e) {
        // A service is not answering yet; the ledger cannot be read without it.
        if (now.getAsLong() >= untilNanos) {
          throw e;
        }
      }
      LockSupport.parkNanos(ROUND_PAUSE_NANOS);
    }
  }

  private StoredOrder read(OrderRecord r, int quantity) {
    OrderState state;
    try {
      state =
          orders
              .withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS)
              .getOrder(GetOrderRequest.newBuilder().setOrderId(r.orderId()).build())
              .getState();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      state = null;
    }
    int count = -1;
    if (state == OrderState.CONFIRMED || state == OrderState.REJECTED) {
      count = notificationCount(r.orderId());
    }
    return new StoredOrder(
        r.orderId(), r.style(), state, quantity, r.accepted(), r.errorCode(), count);
  }

  /** How many notifications notification-service holds for the order; NOT_FOUND means none. */
  private int notificationCount(String orderId) {
    try {
      return notifications
          .withDeadlineAfter(CALL_DEADLINE_MS, TimeUnit.MILLISECONDS)
          .list(ListNotificationsRequest.newBuilder().setOrderId(orderId).setLimit(10).build())
          .getNotificationsCount();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
        throw e;
      }
      return 0;
    }
  }

  /** Final and notified once (or failed, or never stored and never accepted): will not change. */
  private static boolean isSettled(StoredOrder o) {
    if (o.state() == null) {
      return !o.clientAccepted();
    }
    return o.state() == OrderState.FAILED || (o.isOutcome() && o.notifications() == 1);
  }

  /** Whether waiting could still change the result. */
  private static boolean canHeal(LedgerResult result, List<StoredOrder> stored) {
    if (!result.neverFinal().isEmpty() || result.stockMismatch() != 0) {
      return true;
    }
    // A missing async notification may still be consumed; a failed sync Notify is never retried.
    return stored.stream()
        .anyMatch(o -> o.style() == RunStyle.ASYNC && o.isOutcome() && o.notifications() == 0);
  }

  private static StoredOrder join(Future<StoredOrder> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
