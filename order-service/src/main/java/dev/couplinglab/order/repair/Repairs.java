package dev.couplinglab.order.repair;

import dev.couplinglab.order.domain.Micros;
import dev.couplinglab.platform.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sync chain's side of durable repair: the {@link RepairMode} in force, recording what is owed
 * (inside the caller's transaction), the counters, and the per-order lock that keeps the chain and
 * the {@link RepairWorker} from making the same call at the same time.
 *
 * <p>Delivery guarantee (mode durable): a repair written with its order state is retried until the
 * downstream acknowledges, at least once, across restarts. Known gaps: with mode none nothing is
 * written and a failed call is lost (that is the lesson); rows written while durable and not yet
 * done wait, untried, while the mode is none; the counters are this process's since its start
 * (pending is read from the table, so it includes rows left by an earlier run).
 */
public final class Repairs {

  /**
   * What repair did since the start.
   *
   * @param recorded repairs the chain could not finish and left to the worker
   * @param done repairs acknowledged after that, by the worker or a client's retry
   * @param pending rows in the table now (owed, not yet acknowledged)
   * @param longestMillis the longest time from an order state to its repair being done
   */
  public record Counters(long recorded, long done, long pending, long longestMillis) {}

  private static final int STRIPES = 64;

  private final Database database;
  private final RepairBackoff backoff;
  private final AtomicLong recorded = new AtomicLong();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong longestMicros = new AtomicLong();
  private final Semaphore wake = new Semaphore(0);
  private final Lock[] locks = new Lock[STRIPES];
  private volatile RepairMode mode;

  public Repairs(Database database, RepairMode mode, RepairBackoff backoff) {
    this.database = database;
    this.mode = mode;
    this.backoff = backoff;
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  public RepairMode mode() {
    return mode;
  }

  /** Switches the mode; switching to durable wakes the worker for rows that waited. */
  public void mode(RepairMode next) {
    mode = next;
    if (next == RepairMode.DURABLE) {
      nudge();
    }
  }

  public boolean durable() {
    return mode == RepairMode.DURABLE;
  }

  RepairBackoff backoff() {
    return backoff;
  }

  /**
   * In the transaction that writes the order state: records that {@code kind} is owed, for the
   * worker to try once {@code firstTryIn} has passed (the chain's own attempt comes first).
   */
  public void owe(Connection c, String orderId, RepairKind kind, Duration firstTryIn)
      throws SQLException {
    long now = Micros.now();
    RepairStore.owe(c, orderId, kind, now + micros(firstTryIn), now);
  }

  /**
   * After the chain's own attempt at {@code kind} failed: counts it, schedules the worker's next
   * attempt and wakes the worker. Writes the row if it was missing. Returns the pause.
   */
  public Duration handOver(String orderId, RepairKind kind, String error) throws SQLException {
    Duration pause = backoff.after(1);
    long now = Micros.now();
    database.inTransaction(
        c -> {
          RepairStore.failed(c, orderId, kind, now + micros(pause), now, error);
          return null;
        });
    recorded.incrementAndGet();
    nudge();
    return pause;
  }

  /**
   * A repair recorded with a state the chain will not try itself (a Release left to the worker).
   */
  public void recorded() {
    recorded.incrementAndGet();
    nudge();
  }

  /** In the transaction of the call's effect: removes the row; counts it if it was a repair. */
  public void settle(Connection c, String orderId, RepairKind kind) throws SQLException {
    RepairStore.take(c, orderId, kind).filter(r -> r.attempts() > 0).ifPresent(this::done);
  }

  void done(Repair repair) {
    done.incrementAndGet();
    longestMicros.accumulateAndGet(Micros.now() - repair.createdAtMicros(), Math::max);
  }

  /** The lock both the chain and the worker hold while they make an order's owed call. */
  public Lock lockFor(String orderId) {
    return locks[Math.floorMod(orderId.hashCode(), STRIPES)];
  }

  public Counters counters() throws SQLException {
    long pending = database.inTransaction(RepairStore::count);
    return new Counters(recorded.get(), done.get(), pending, longestMicros.get() / 1000);
  }

  void nudge() {
    wake.release();
  }

  /** Waits for a nudge or {@code millis}, whichever comes first. */
  void awaitWork(long millis) throws InterruptedException {
    if (wake.tryAcquire(millis, TimeUnit.MILLISECONDS)) {
      wake.drainPermits();
    }
  }

  static long micros(Duration d) {
    return TimeUnit.NANOSECONDS.toMicros(d.toNanos());
  }
}
