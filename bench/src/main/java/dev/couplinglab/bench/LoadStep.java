package dev.couplinglab.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import dev.couplinglab.contracts.v1.ListNotificationsResponse;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.experiment.load.LoadGenerator;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * One open-loop step: sync and async orders, each at a constant arrival rate, at once, sent by the
 * experiments' {@link LoadGenerator} (no order followed, at most {@link #MAX_IN_FLIGHT} calls of a
 * style waiting). Every latency counts from the order's intended send time, so a late send (client
 * or server behind) shows as latency instead of silently lowering the rate. Async end to end =
 * notification-service's {@code recorded_at_micros} minus the intended send time on the same wall
 * clock, read back by order id after the step (within a drain bound; an order not notified by then
 * is an error).
 */
final class LoadStep {

  /** More than this many calls of one style waiting: the next sends fail as client-overloaded. */
  static final int MAX_IN_FLIGHT = 2000;

  private static final Duration DRAIN_BOUND = Duration.ofSeconds(30);
  private static final int LOOKUPS_IN_FLIGHT = 32;

  /**
   * The figures of one step; {@code errors} counts each kind of failure; {@code cpuSeconds} is the
   * CPU time each process used from the first send until the last answer ({@code cpuWindowSeconds}
   * of wall time), the benchmark's own JVM included, and {@code contextSwitches} the switches of
   * their threads over the same window (see {@link ContextSwitches} for what is lost), {@code
   * threads} the same by thread name per cluster process ({@link ThreadUse}); {@code slices} are
   * the step by slices of send time, empty unless asked for.
   */
  record Result(
      int ratePerStyle,
      double seconds,
      Latency sync,
      Latency asyncAccept,
      Latency asyncEndToEnd,
      long syncCompleted,
      long asyncCompleted,
      Map<String, Long> errors,
      Map<String, Long> peakRssBytes,
      Map<String, Double> cpuSeconds,
      double cpuWindowSeconds,
      Map<String, ContextSwitches.Count> contextSwitches,
      Map<String, Map<String, ThreadUse.Use>> threads,
      List<Slices.Slice> slices) {

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** CPU microseconds per order (sync and async together) of one process, or of all. */
    double cpuMicrosPerOrder(double cpuSeconds) {
      long orders = syncCompleted + asyncCompleted;
      return orders == 0 ? Double.NaN : cpuSeconds * 1e6 / orders;
    }

    /** Context switches per order (sync and async together) of some count of them. */
    double switchesPerOrder(long switches) {
      long orders = syncCompleted + asyncCompleted;
      return orders == 0 ? Double.NaN : (double) switches / orders;
    }
  }

  /** An accepted async order and when it was meant to be sent (wall clock, micros). */
  private record Accepted(String orderId, long intendedMicros) {}

  private static final AtomicInteger STEPS = new AtomicInteger();

  private final OrderClient client;
  private final int rate;
  private final Duration duration;
  private final Slices slices;
  private final Histogram sync = Latency.histogram();
  private final Histogram accept = Latency.histogram();
  private final List<Accepted> accepted = new ArrayList<>();
  private final Map<String, Long> errors = new TreeMap<>();
  private long startMicros;

  private LoadStep(OrderClient client, int rate, Duration duration, Duration slice) {
    this.client = client;
    this.rate = rate;
    this.duration = duration;
    this.slices = new Slices(duration, slice);
  }

  static Result run(OrderClient client, int ratePerStyle, Duration duration, List<ChildJvm> procs) {
    return run(client, ratePerStyle, duration, Duration.ZERO, procs);
  }

  /** A step whose figures are also kept by slices of {@code slice} of send time. */
  static Result run(
      OrderClient client,
      int ratePerStyle,
      Duration duration,
      Duration slice,
      List<ChildJvm> procs) {
    return new LoadStep(client, ratePerStyle, duration, slice).run(procs);
  }

  private Result run(List<ChildJvm> processes) {
    Map<String, Long> peakRss;
    Map<String, Double> cpu;
    Map<String, ContextSwitches.Count> switches;
    Map<String, Map<String, ThreadUse.Use>> threads;
    double cpuWindowSeconds;
    LoadSpec spec =
        new LoadSpec(
            rate,
            duration,
            List.of(RunStyle.SYNC, RunStyle.ASYNC),
            "",
            1,
            OrderClient.CALL_DEADLINE);
    String runId = "bench-" + ProcessHandle.current().pid() + "-" + STEPS.incrementAndGet();
    LoadGenerator.Options options =
        LoadGenerator.Options.unfollowed(MAX_IN_FLIGHT, client::newRequest);
    try (Memory memory = Memory.sample(processes);
        LoadGenerator load = new LoadGenerator(client.orderChannel(), spec, runId, options)) {
      Map<String, Double> cpuBefore = CpuTime.now(processes);
      Map<String, ContextSwitches.Count> switchesBefore = ContextSwitches.now(processes);
      Map<String, Map<String, ThreadUse.Reading>> threadsBefore = ThreadUse.now(processes);
      long windowStart = System.nanoTime();
      startMicros = OrderClient.wallMicros() + 10_000;
      load.start(windowStart + 10_000_000);
      await(load);
      cpu = CpuTime.between(cpuBefore, CpuTime.now(processes));
      switches = ContextSwitches.between(switchesBefore, ContextSwitches.now(processes));
      threads = ThreadUse.between(threadsBefore, ThreadUse.now(processes));
      cpuWindowSeconds = (System.nanoTime() - windowStart) / 1e9;
      peakRss = memory.peak();
      count(load.records(RunStyle.SYNC));
      count(load.records(RunStyle.ASYNC));
    }
    Histogram endToEnd = endToEnd();
    return new Result(
        rate,
        duration.toMillis() / 1000.0,
        Latency.of(sync),
        Latency.of(accept),
        Latency.of(endToEnd),
        sync.getTotalCount(),
        endToEnd.getTotalCount(),
        Map.copyOf(errors),
        peakRss,
        cpu,
        cpuWindowSeconds,
        switches,
        threads,
        slices.result());
  }

  private static void await(LoadGenerator load) {
    try {
      load.awaitSent();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
    load.awaitAnswers(OrderClient.CALL_DEADLINE.multipliedBy(2));
  }

  /** What the client saw of each order of one style, into the step's figures. */
  private void count(List<OrderRecord> records) {
    for (OrderRecord order : records) {
      Style style = order.style().proto();
      if (order.errorCode() != null) {
        error(style + " " + order.errorCode(), order.intendedNanos());
      } else if (!order.accepted()) {
        error(style + " not answered", order.intendedNanos());
      } else if (style == Style.SYNC) {
        onSync(order);
      } else {
        onAccepted(order);
      }
    }
  }

  private void onSync(OrderRecord order) {
    OrderState state = order.answerState();
    if (state != OrderState.CONFIRMED && state != OrderState.REJECTED) {
      error("SYNC ended " + state, order.intendedNanos());
      return;
    }
    Latency.record(sync, order.acceptLatencyNanos());
    slices.sync(order.intendedNanos(), order.acceptLatencyNanos());
  }

  private void onAccepted(OrderRecord order) {
    if (order.answerState() != OrderState.PENDING) {
      error("ASYNC answered " + order.answerState(), order.intendedNanos());
      return;
    }
    Latency.record(accept, order.acceptLatencyNanos());
    accepted.add(new Accepted(order.orderId(), startMicros + order.intendedNanos() / 1000));
  }

  /**
   * Reads back each accepted order's notification; missing ones (NOT_FOUND, or a failed lookup) are
   * retried until the bound.
   */
  private Histogram endToEnd() {
    Histogram endToEnd = Latency.histogram();
    List<Accepted> missing = new ArrayList<>(accepted);
    long deadline = System.nanoTime() + DRAIN_BOUND.toNanos();
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      missing = lookUp(missing, endToEnd);
      if (!missing.isEmpty()) {
        Pause.millis(100);
      }
    }
    String notNotified =
        "ASYNC not notified within " + DRAIN_BOUND.toSeconds() + " s after the step";
    for (Accepted order : missing) {
      error(notNotified, (order.intendedMicros() - startMicros) * 1000);
    }
    return endToEnd;
  }

  private List<Accepted> lookUp(List<Accepted> orders, Histogram endToEnd) {
    List<Accepted> missing = new ArrayList<>();
    Semaphore slots = new Semaphore(LOOKUPS_IN_FLIGHT);
    for (Accepted order : orders) {
      slots.acquireUninterruptibly();
      ListenableFuture<ListNotificationsResponse> found = client.notificationAsync(order.orderId());
      Futures.addCallback(
          found,
          new FutureCallback<>() {
            @Override
            public void onSuccess(ListNotificationsResponse response) {
              synchronized (endToEnd) {
                if (response.getNotificationsCount() == 0) {
                  missing.add(order);
                } else {
                  long micros =
                      response.getNotifications(0).getRecordedAtMicros() - order.intendedMicros();
                  Latency.record(endToEnd, micros * 1000);
                  slices.endToEnd((order.intendedMicros() - startMicros) * 1000, micros * 1000);
                }
              }
              slots.release();
            }

            @Override
            public void onFailure(Throwable t) {
              synchronized (endToEnd) {
                missing.add(order);
              }
              slots.release();
            }
          },
          MoreExecutors.directExecutor());
    }
    slots.acquireUninterruptibly(LOOKUPS_IN_FLIGHT);
    synchronized (endToEnd) {
      return new ArrayList<>(missing);
    }
  }

  /** One failure of an order meant to be sent {@code intendedNanos} after the step's start. */
  private synchronized void error(String kind, long intendedNanos) {
    errors.merge(kind, 1L, Long::sum);
    slices.error(intendedNanos, kind);
  }
}
