package dev.couplinglab.platform.grpc;

import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerStreamTracer;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sheds load at the door. A business call that waited longer than the limit for one of the
 * executor's threads is answered {@code RESOURCE_EXHAUSTED} at once, before its handler runs, so
 * nothing is stored and the client learns in that wait, not at its deadline. Without it an offered
 * rate above capacity grows the executor's queue until every call in it misses its deadline: the
 * server then works only on calls whose clients have given up.
 *
 * <p>The arrival time is taken by a {@link ServerStreamTracer}, which gRPC runs on the transport
 * thread when the call's stream is created, before the call is queued for the executor; the
 * interceptor, which runs on the executor, reads it from the call's {@link Context}. The control
 * plane (health, admin, reflection) has an executor of its own and is never shed.
 */
public final class QueueShedding {

  private static final Context.Key<Long> ARRIVED = Context.key("couplinglab-arrived-nanos");

  private final long limitNanos;
  private final LongAdder shed = new LongAdder();

  /**
   * @param limit the longest a call may wait for a thread; zero sheds nothing
   */
  public QueueShedding(Duration limit) {
    this.limitNanos = limit.toNanos();
  }

  public Duration limit() {
    return Duration.ofNanos(limitNanos);
  }

  /** Calls refused so far. */
  public long shed() {
    return shed.sum();
  }

  /** Stamps each call with its arrival time (add to the server builder). */
  public ServerStreamTracer.Factory arrivals() {
    return new ServerStreamTracer.Factory() {
      @Override
      public ServerStreamTracer newServerStreamTracer(String fullMethodName, Metadata headers) {
        long arrived = System.nanoTime();
        return new ServerStreamTracer() {
          @Override
          public Context filterContext(Context context) {
            return context.withValue(ARRIVED, arrived);
          }
        };
      }
    };
  }

  /**
   * Refuses a call that waited too long (add to the business services' interceptors). gRPC queues a
   * unary call twice on the executor, for its start and then for its handler ({@code onHalfClose}),
   * so the wait is checked before each.
   */
  public ServerInterceptor interceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Long arrived = ARRIVED.get();
        if (limitNanos <= 0 || arrived == null) {
          return next.startCall(call, headers);
        }
        if (refused(call, arrived)) {
          return new ServerCall.Listener<>() {};
        }
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
          @Override
          public void onHalfClose() {
            if (!refused(call, arrived)) {
              super.onHalfClose();
            }
          }
        };
      }
    };
  }

  private boolean refused(ServerCall<?, ?> call, long arrived) {
    long waited = System.nanoTime() - arrived;
    if (waited <= limitNanos) {
      return false;
    }
    shed.increment();
    call.close(
        Status.RESOURCE_EXHAUSTED.withDescription(
            call.getMethodDescriptor().getBareMethodName()
                + " refused, nothing done: it waited "
                + TimeUnit.NANOSECONDS.toMillis(waited)
                + " ms for a thread, more than the "
                + TimeUnit.NANOSECONDS.toMillis(limitNanos)
                + " ms limit (GRPC_QUEUE_LIMIT_MS): the service is overloaded; try again later"),
        new Metadata());
    return true;
  }
}
