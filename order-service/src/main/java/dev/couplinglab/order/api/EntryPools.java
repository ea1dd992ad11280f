package dev.couplinglab.order.api;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Where a PlaceOrder runs, per style. A sync PlaceOrder holds its thread for the whole chain
 * (Reserve, then Notify); an async one only for one commit. On one pool, sync chains blocked on a
 * slow inventory-service fill every thread and async calls queue behind them: the styles would
 * share a hidden bottleneck. So by default ({@code per-style}) sync chains run on a bounded pool of
 * their own, with a bounded queue; a chain that finds both full is refused at once (the caller
 * answers RESOURCE_EXHAUSTED and stores nothing) instead of waiting for its deadline, and async
 * calls stay on the gRPC executor, which then never blocks on a downstream call. {@code shared}
 * runs the sync chain on the gRPC executor itself, as a single pool would: the {@code shared-pool}
 * scenario shows what that costs. Switchable at run time through the resilience settings.
 */
public final class EntryPools implements AutoCloseable {

  private final ThreadPoolExecutor sync;
  private final int threads;
  private final int queue;
  private final LongAdder refused = new LongAdder();
  private volatile boolean shared;

  /**
   * @param threads sync chains running at once ({@code SYNC_ENTRY_THREADS})
   * @param queue sync chains waiting for a thread ({@code SYNC_ENTRY_QUEUE})
   * @param shared whether sync chains start on the shared gRPC executor instead
   */
  public EntryPools(int threads, int queue, boolean shared) {
    this.threads = threads;
    this.queue = queue;
    this.shared = shared;
    AtomicInteger n = new AtomicInteger();
    this.sync =
        new ThreadPoolExecutor(
            threads,
            threads,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(queue),
            task -> {
              Thread t = new Thread(task, "sync-entry-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** True when sync chains run on the shared gRPC executor (no isolation between the styles). */
  public boolean shared() {
    return shared;
  }

  public void setShared(boolean shared) {
    this.shared = shared;
  }

  /**
   * Runs {@code chain} on the sync pool, or returns false at once when its threads and its queue
   * are full (counted in {@link #refused()}).
   */
  boolean trySubmitSync(Runnable chain) {
    try {
      sync.execute(chain);
      return true;
    } catch (RejectedExecutionException e) {
      refused.increment();
      return false;
    }
  }

  /** Sync PlaceOrders refused because the sync pool and its queue were full. */
  public long refused() {
    return refused.sum();
  }

  /** Sync chains waiting for a thread right now. */
  public int queued() {
    return sync.getQueue().size();
  }

  /** E.g. "16 threads, 32 queued at most; 3 running, 0 queued". */
  String describeSync() {
    return threads
        + " threads, "
        + queue
        + " queued at most; "
        + sync.getActiveCount()
        + " running, "
        + sync.getQueue().size()
        + " queued";
  }

  /** Lets the chains in flight finish within {@code grace}; the queue was drained by the server. */
  public void close(Duration grace) throws InterruptedException {
    sync.shutdown();
    if (!sync.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      sync.shutdownNow();
    }
  }

  @Override
  public void close() throws InterruptedException {
    close(Duration.ofSeconds(5));
  }
}
