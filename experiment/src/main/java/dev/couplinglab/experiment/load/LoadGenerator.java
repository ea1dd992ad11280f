package dev.couplinglab.experiment.load;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc.OrderServiceStub;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.trace.TraceParent;
import io.grpc.Channel;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives the open-loop load: one sender thread per style fires PlaceOrder at the scheduled times on
 * async stubs over one shared channel, never waiting for answers. An accepted async order is
 * followed with a WatchOrder stream until it is final. Records what the client saw in {@link
 * OrderRecord}s. The schedule is kept even when answers stall, so a stall shows as latency.
 *
 * <p>The experiments, {@code lab load} and the benchmark all send through this class; {@link
 * Options} holds what differs: whether accepted async orders are followed (the benchmark reads the
 * notifications instead, so the client's own streams do not load the cluster it measures), how many
 * calls of one style may wait for an answer, and how requests are made.
 *
 * <p>The load runs for the spec's duration. After {@link #openEnd}, {@link #extendTo} may move its
 * end (up to {@link #MAX_EXTENSION} later, e.g. while a fault is still in force): a sender that
 * reaches the end then waits there until the end moves or {@link #endHere} seals it, so no
 * extension comes too late.
 */
public final class LoadGenerator implements AutoCloseable {

  /** Makes the PlaceOrder request of one scheduled send. */
  @FunctionalInterface
  public interface Requests {
    PlaceOrderRequest make(RunStyle style, String orderId);
  }

  /**
   * How the load is sent, beyond its spec.
   *
   * @param watchBound how long a WatchOrder stream may stay open (load + recovery); zero: accepted
   *     async orders are not followed
   * @param maxInFlight how many PlaceOrder calls of one style may wait for an answer; a send due
   *     while that many wait is not made, and its record fails with {@link #CLIENT_OVERLOADED}
   * @param requests the request of each send; null: the spec's SKU and quantity
   * @param tracedPerSecond orders of each style per second sent with a sampled W3C {@code
   *     traceparent} ({@link TraceParent}), so that the services trace them whatever their own
   *     sampling; 0: none
   */
  public record Options(
      Duration watchBound, int maxInFlight, Requests requests, double tracedPerSecond) {

    /** Traced orders per second per style in experiments: enough to pick typical ones from. */
    public static final double TRACED_PER_SECOND = 2;

    /**
     * Experiments: every accepted async order followed until final, no bound on calls waiting,
     * {@link #TRACED_PER_SECOND} orders of each style traced.
     */
    public static Options following(Duration watchBound) {
      return new Options(watchBound, Integer.MAX_VALUE, null, TRACED_PER_SECOND);
    }

    /**
     * No order followed, at most {@code maxInFlight} calls waiting, requests by {@code requests},
     * none traced by the client.
     */
    public static Options unfollowed(int maxInFlight, Requests requests) {
      return new Options(Duration.ZERO, maxInFlight, requests, 0);
    }
  }

  /** The error code of a send not made because {@link Options#maxInFlight} calls were waiting. */
  public static final String CLIENT_OVERLOADED = "CLIENT_OVERLOADED";

  private final OrderServiceStub stub;
  private final LoadSpec spec;
  private final String runId;
  private final Duration watchBound;
  private final int maxInFlight;
  private final Requests requests;
  private final int traceEvery;
  private final OpenLoopSchedule schedule;
  private final Map<RunStyle, AtomicReferenceArray<OrderRecord>> records =
      new EnumMap<>(RunStyle.class);
  private final Map<RunStyle, AtomicInteger> sent = new EnumMap<>(RunStyle.class);
  private final Map<RunStyle, AtomicInteger> inFlight = new EnumMap<>(RunStyle.class);
  private final Map<RunStyle, AtomicInteger> errors = new EnumMap<>(RunStyle.class);
  private final Set<ClientCallStreamObserver<?>> watches = ConcurrentHashMap.newKeySet();
  private final List<Thread> senders = new ArrayList<>();
  private volatile boolean stopped;
  private volatile long endNanos;
  private volatile boolean sealed = true;
  private long startNanos;

  /** How much longer than the spec's duration the load may be made to run. */
  public static final Duration MAX_EXTENSION = Duration.ofMinutes(5);

  /**
   * @param watchBound how long a WatchOrder stream may stay open (load + recovery)
   */
  public LoadGenerator(Channel orderChannel, LoadSpec spec, String runId, Duration watchBound) {
    this(orderChannel, spec, runId, Options.following(watchBound));
  }

  public LoadGenerator(Channel orderChannel, LoadSpec spec, String runId, Options options) {
    this.stub = OrderServiceGrpc.newStub(orderChannel);
    this.spec = spec;
    this.runId = runId;
    this.watchBound = options.watchBound();
    this.maxInFlight = options.maxInFlight();
    this.requests = options.requests() != null ? options.requests() : this::specRequest;
    this.traceEvery =
        options.tracedPerSecond() <= 0
            ? 0
            : (int) Math.max(1, Math.round(spec.rate() / options.tracedPerSecond()));
    this.schedule = OpenLoopSchedule.of(spec.rateSpec(), spec.duration().plus(MAX_EXTENSION));
    this.endNanos = spec.duration().toNanos();
    for (RunStyle style : spec.styles()) {
      records.put(style, new AtomicReferenceArray<>(schedule.count()));
      sent.put(style, new AtomicInteger());
      inFlight.put(style, new AtomicInteger());
      errors.put(style, new AtomicInteger());
    }
  }

  /** Starts sending; {@code startNanos} (System.nanoTime) is time zero of every record. */
  public void start(long startNanos) {
    this.startNanos = startNanos;
    for (RunStyle style : spec.styles()) {
      Thread t = new Thread(() -> send(style), "load-" + style.text());
      t.setDaemon(true);
      senders.add(t);
      t.start();
    }
  }

  /** Waits until every scheduled request has been sent. */
  public void awaitSent() throws InterruptedException {
    for (Thread t : senders) {
      t.join();
    }
  }

  /** Waits, at most {@code bound}, until every sent PlaceOrder has been answered. */
  public boolean awaitAnswers(Duration bound) {
    long until = System.nanoTime() + bound.toNanos();
    while (inFlightTotal() > 0 && System.nanoTime() < until) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return inFlightTotal() == 0;
  }

  /** The requests each style sends before the current end. */
  public int scheduledPerStyle() {
    return schedule.dueBy(endNanos - 1);
  }

  /** The load's current end, in nanoseconds after its start. */
  public long endNanos() {
    return endNanos;
  }

  /**
   * Moves the end of the load to {@code nanos} after its start (never earlier, at most {@link
   * #MAX_EXTENSION} past the spec's duration); false when the load is already sealed.
   */
  public synchronized boolean extendTo(long nanos) {
    if (sealed) {
      return false;
    }
    endNanos = Math.max(endNanos, Math.min(nanos, maxEndNanos()));
    return true;
  }

  /** The latest the end can be moved to. */
  public long maxEndNanos() {
    return spec.duration().plus(MAX_EXTENSION).toNanos();
  }

  /** True once the end can no longer move (always, unless {@link #openEnd} was called). */
  public boolean sealed() {
    return sealed;
  }

  /**
   * Lets {@link #extendTo} move the end; call before {@link #start}, and {@link #endHere} after.
   */
  public synchronized void openEnd() {
    sealed = false;
  }

  /** No more extensions: the senders stop at the current end. */
  public synchronized void endHere() {
    sealed = true;
  }

  public int sent(RunStyle style) {
    return sent.get(style).get();
  }

  public int inFlight(RunStyle style) {
    return inFlight.get(style).get();
  }

  public int errors(RunStyle style) {
    return errors.get(style).get();
  }

  /** Nanoseconds since the load start, on the clock of the records. */
  public long now() {
    return System.nanoTime() - startNanos;
  }

  /** The records of the requests sent so far, in send order. */
  public List<OrderRecord> records(RunStyle style) {
    AtomicReferenceArray<OrderRecord> array = records.get(style);
    List<OrderRecord> out = new ArrayList<>(array.length());
    for (int i = 0; i < array.length(); i++) {
      OrderRecord r = array.get(i);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private int inFlightTotal() {
    return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  private void send(RunStyle style) {
    for (int i = 0; i < schedule.count() && !stopped; i++) {
      if (!awaitWithinEnd(schedule.intendedNanos(i))) {
        return;
      }
      long due = startNanos + schedule.intendedNanos(i);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      String orderId = "exp-" + runId + "-" + style.text().charAt(0) + "-" + i;
      OrderRecord record = new OrderRecord(style, i, orderId, schedule.intendedNanos(i));
      records.get(style).set(i, record);
      place(record);
    }
  }

  /** Waits while {@code intendedNanos} lies past the end; false once the end is sealed there. */
  private boolean awaitWithinEnd(long intendedNanos) {
    while (intendedNanos >= endNanos) {
      if (sealed || stopped) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    return true;
  }

  private PlaceOrderRequest specRequest(RunStyle style, String orderId) {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(orderId)
        .setSku(spec.sku())
        .setQuantity(spec.quantity())
        .setStyle(style.proto())
        .setCustomerId("experiment-" + runId)
        .build();
  }

  private void place(OrderRecord record) {
    RunStyle style = record.style();
    if (inFlight.get(style).incrementAndGet() > maxInFlight) {
      inFlight.get(style).decrementAndGet();
      record.failed(now(), CLIENT_OVERLOADED);
      errors.get(style).incrementAndGet();
      return;
    }
    PlaceOrderRequest request = requests.make(style, record.orderId());
    sent.get(style).incrementAndGet();
    OrderServiceStub call =
        stub.withDeadlineAfter(spec.deadline().toMillis(), TimeUnit.MILLISECONDS);
    if (traceEvery > 0 && record.seq() % traceEvery == 0) {
      TraceParent parent = TraceParent.sampled();
      record.traced(parent.traceId());
      call = call.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(parent.metadata()));
    }
    record.sent(now());
    call.placeOrder(
        request,
        new StreamObserver<>() {
          @Override
          public void onNext(Order order) {
            record.answered(now(), order.getState());
            inFlight.get(style).decrementAndGet();
            if (OrderRecord.isFinal(order.getState())) {
              record.finished(now(), order.getState(), reason(order), OrderRecord.FinalVia.ANSWER);
            } else if (!watchBound.isZero()) {
              watch(record);
            }
          }

          @Override
          public void onError(Throwable t) {
            record.failed(now(), Status.fromThrowable(t).getCode().name());
            inFlight.get(style).decrementAndGet();
            errors.get(style).incrementAndGet();
          }

          @Override
          public void onCompleted() {}
        });
  }

  private void watch(OrderRecord record) {
    GetOrderRequest request = GetOrderRequest.newBuilder().setOrderId(record.orderId()).build();
    stub.withDeadlineAfter(watchBound.toMillis(), TimeUnit.MILLISECONDS)
        .watchOrder(
            request,
            new ClientResponseObserver<GetOrderRequest, Order>() {
              private ClientCallStreamObserver<GetOrderRequest> call;

              @Override
              public void beforeStart(ClientCallStreamObserver<GetOrderRequest> call) {
                this.call = call;
                watches.add(call);
              }

              @Override
              public void onNext(Order order) {
                if (OrderRecord.isFinal(order.getState())) {
                  record.finished(
                      now(), order.getState(), reason(order), OrderRecord.FinalVia.WATCH);
                }
              }

              @Override
              public void onError(Throwable t) {
                // A broken stream leaves the order to the poller after the load.
                watches.remove(call);
              }

              @Override
              public void onCompleted() {
                watches.remove(call);
              }
            });
  }

  private static String reason(Order order) {
    return order.getState() == OrderState.REJECTED ? order.getRejectReason().name() : null;
  }

  /** Stops sending and cancels every open WatchOrder stream. */
  @Override
  public void close() {
    stopped = true;
    for (ClientCallStreamObserver<?> call : watches) {
      call.cancel("experiment finished", null);
    }
    watches.clear();
  }
}
