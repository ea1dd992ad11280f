package dev.couplinglab.order.repair;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.order.domain.Micros;
import dev.couplinglab.order.flow.OwedCallSpans;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import io.grpc.StatusRuntimeException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the owed calls of the repairs table, on one background thread, until each is acknowledged:
 * a failed attempt is retried after a {@link RepairBackoff} pause (and holds back the other due
 * repairs of the same downstream as long), an acknowledged one is deleted with its effect. Rows are
 * read from the table, so repairs left by a stopped order-service are made by the next one.
 *
 * <p>Delivery guarantee: at least once per row; the calls are idempotent by order id, so a call
 * made twice (a crash between acknowledgement and delete) does no harm. Known gaps: one call at a
 * time, so a long queue drains at one deadline per failing call; nothing runs while the mode is
 * none; a row whose order is gone is dropped with a warning.
 */
public final class RepairWorker implements AutoCloseable {

  /** Makes one owed call for {@code order}; throws the downstream failure. */
  @FunctionalInterface
  public interface OwedCall {
    void make(RepairKind kind, Order order);
  }

  private static final Logger log = LoggerFactory.getLogger(RepairWorker.class);
  private static final int BATCH = 50;
  private static final long IDLE_MS = 1000;

  private final Database database;
  private final Repairs repairs;
  private final OwedCall calls;
  private final Thread thread;
  private volatile boolean running = true;

  public RepairWorker(Database database, Repairs repairs, OwedCall calls) {
    this.database = database;
    this.repairs = repairs;
    this.calls = calls;
    this.thread = new Thread(this::loop, "repair");
    thread.setDaemon(true);
  }

  /** Starts the thread; says how many repairs an earlier run left. */
  public RepairWorker start() throws SQLException {
    long left = database.inTransaction(RepairStore::count);
    if (left > 0) {
      log.info(
          "{} repairs pending from before this start (repair: {})", left, repairs.mode().text());
    }
    thread.start();
    return this;
  }

  /** Stops after the call in flight, if any (bounded by its deadline). */
  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(Duration.ofSeconds(10).toMillis());
  }

  private void loop() {
    while (running) {
      try {
        repairs.awaitWork(round());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        log.warn("Repair round failed, trying again in {} ms: {}", IDLE_MS, e.toString());
        try {
          repairs.awaitWork(IDLE_MS);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Tries every due repair once; returns how long to wait before the next round. */
  private long round() throws SQLException {
    if (!repairs.durable()) {
      return IDLE_MS;
    }
    long now = Micros.now();
    List<Repair> due = database.inTransaction(c -> RepairStore.due(c, now, BATCH));
    for (Repair repair : due) {
      if (!running || !repairs.durable()) {
        return IDLE_MS;
      }
      attempt(repair);
    }
    if (due.size() == BATCH) {
      return 0;
    }
    Optional<Long> next = database.inTransaction(RepairStore::nextDueMicros);
    return next.map(at -> Math.max(0, Math.min(IDLE_MS, (at - Micros.now()) / 1000)))
        .orElse(IDLE_MS);
  }

  private record Owed(Repair repair, Optional<Order> order) {}

  private void attempt(Repair due) throws SQLException {
    Lock lock = repairs.lockFor(due.orderId());
    lock.lock();
    try {
      // Read again under the lock: the chain (a client's retry) may have made the call meanwhile.
      Optional<Owed> owed =
          database.inTransaction(
              c -> {
                Optional<Repair> row = RepairStore.find(c, due.orderId(), due.kind());
                if (row.isEmpty() || row.get().nextAttemptAtMicros() > Micros.now()) {
                  return Optional.<Owed>empty();
                }
                return Optional.of(new Owed(row.get(), OrderStore.find(c, due.orderId())));
              });
      if (owed.isEmpty()) {
        return;
      }
      Repair repair = owed.get().repair();
      Optional<Order> order = owed.get().order();
      if (order.isEmpty()) {
        database.inTransaction(c -> RepairStore.delete(c, repair.orderId(), repair.kind()));
        log.warn("Repair {} of unknown order {} dropped", repair.kind(), repair.orderId());
        return;
      }
      try (var trace = OwedCallSpans.inOrderTrace(order.get());
          var ctx = LogContext.open(repair.orderId(), order.get().getStyle())) {
        make(repair, order.get());
      }
    } finally {
      lock.unlock();
    }
  }

  private void make(Repair repair, Order order) throws SQLException {
    try {
      calls.make(repair.kind(), order); // continues the order's trace (SyncFlow.makeOwed)
    } catch (StatusRuntimeException e) {
      failed(repair, RepairText.describe(e.getStatus()));
      return;
    } catch (RuntimeException e) {
      failed(repair, e.toString());
      return;
    }
    database.inTransaction(
        c -> {
          if (repair.kind() == RepairKind.NOTIFY) {
            OrderStore.markNotified(c, repair.orderId());
          }
          RepairStore.delete(c, repair.orderId(), repair.kind());
          return null;
        });
    repairs.done(repair);
    log.info(
        "Repair done: {} acknowledged after {} attempts, {} ms after the order state that owed it",
        RepairText.call(repair.kind()),
        repair.attempts() + 1,
        (Micros.now() - repair.createdAtMicros()) / 1000);
  }

  private void failed(Repair repair, String error) throws SQLException {
    int attempts = repair.attempts() + 1;
    Duration pause = repairs.backoff().after(attempts);
    long now = Micros.now();
    long next = now + Repairs.micros(pause);
    database.inTransaction(
        c -> {
          RepairStore.failed(c, repair.orderId(), repair.kind(), next, now, error);
          RepairStore.deferDue(c, repair.kind(), next);
          return null;
        });
    log.warn(
        "Repair pending: {} failed (attempt {}): {}; next attempt in {} ms",
        RepairText.call(repair.kind()),
        attempts,
        error,
        pause.toMillis());
  }
}
