package dev.couplinglab.order.flow;

import dev.couplinglab.contracts.Service;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the sync chain's downstream calls under the current {@link CallPolicy}: one deadline for the
 * whole call, retries only on UNAVAILABLE with jittered exponential backoff inside that deadline
 * (every downstream call is idempotent by order id), and, when switched on, a Resilience4j circuit
 * breaker and bulkhead per downstream service. The policy can change at any time; a call in flight
 * keeps the policy it started with.
 */
public final class Resilience {

  /** A downstream service the sync chain calls. */
  public enum Target {
    INVENTORY(Service.INVENTORY),
    NOTIFICATION(Service.NOTIFICATION);

    private final Service service;

    Target(Service service) {
      this.service = service;
    }

    public String service() {
      return service.serviceName();
    }
  }

  /** What the counters say now. */
  public record Counters(
      long retries,
      long rejectedByBreaker,
      long rejectedByBulkhead,
      String inventoryBreakerState,
      String notificationBreakerState) {}

  /** The breaker and bulkhead of one downstream service; null when switched off. */
  private record Guard(CircuitBreaker breaker, Bulkhead bulkhead) {}

  /** A call we refused ourselves (breaker open, bulkhead full): never retried. */
  private static final class Shed extends StatusRuntimeException {
    Shed(Status status) {
      super(status);
    }
  }

  private static final Logger log = LoggerFactory.getLogger(Resilience.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong rejectedByBreaker = new AtomicLong();
  private final AtomicLong rejectedByBulkhead = new AtomicLong();
  private volatile CallPolicy policy;
  private volatile Map<Target, Guard> guards;

  public Resilience(CallPolicy policy) {
    this.policy = policy;
    this.guards = guardsFor(policy, null, null);
  }

  public CallPolicy policy() {
    return policy;
  }

  /** Applies {@code change}; a new breaker or bulkhead starts afresh (a breaker CLOSED). */
  public synchronized CallPolicy update(UnaryOperator<CallPolicy> change) {
    CallPolicy before = policy;
    CallPolicy after = change.apply(before);
    guards = guardsFor(after, before, guards);
    policy = after;
    return after;
  }

  public Counters counters() {
    Map<Target, Guard> current = guards;
    return new Counters(
        retries.get(),
        rejectedByBreaker.get(),
        rejectedByBulkhead.get(),
        breakerState(current.get(Target.INVENTORY)),
        breakerState(current.get(Target.NOTIFICATION)));
  }

  /**
   * Calls {@code target} through the breaker and the bulkhead, with retries. {@code attempt} makes
   * one attempt with the deadline it is given.
   */
  public <T> T call(Target target, Function<Deadline, T> attempt) {
    return run(target, attempt, true);
  }

  /**
   * Deadline and retries only: for a compensation, which is owed whatever the breaker thinks and
   * must not be shed.
   */
  public <T> T callUnshed(Target target, Function<Deadline, T> attempt) {
    return run(target, attempt, false);
  }

  private <T> T run(Target target, Function<Deadline, T> attempt, boolean guarded) {
    CallPolicy p = policy;
    Guard guard = guarded ? guards.get(target) : new Guard(null, null);
    Deadline deadline = Deadline.after(p.deadlineOf(target).toMillis(), TimeUnit.MILLISECONDS);
    long backoffMs = p.backoff().toMillis();
    for (int n = 1; ; n++) {
      try {
        return once(target, guard, () -> attempt.apply(deadline));
      } catch (StatusRuntimeException e) {
        if (e instanceof Shed
            || e.getStatus().getCode() != Status.Code.UNAVAILABLE
            || n >= p.maxAttempts()) {
          throw e;
        }
        long pause = jittered(backoffMs);
        if (deadline.timeRemaining(TimeUnit.MILLISECONDS) <= pause) {
          throw e; // no time left for another attempt
        }
        retries.incrementAndGet();
        log.info(
            "{} UNAVAILABLE, retrying in {} ms (attempt {} of {})",
            target.service(),
            pause,
            n + 1,
            p.maxAttempts());
        sleep(pause);
        backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  private interface Attempt<T> {
    T run();
  }

  private <T> T once(Target target, Guard guard, Attempt<T> attempt) {
    CircuitBreaker breaker = guard.breaker();
    Bulkhead bulkhead = guard.bulkhead();
    if (breaker != null && !breaker.tryAcquirePermission()) {
      rejectedByBreaker.incrementAndGet();
      throw new Shed(Status.UNAVAILABLE.withDescription("circuit open for " + target.service()));
    }
    if (bulkhead != null && !bulkhead.tryAcquirePermission()) {
      if (breaker != null) {
        breaker.releasePermission();
      }
      rejectedByBulkhead.incrementAndGet();
      throw new Shed(
          Status.RESOURCE_EXHAUSTED.withDescription("bulkhead full for " + target.service()));
    }
    long start = System.nanoTime();
    try {
      T result = attempt.run();
      if (breaker != null) {
        breaker.onSuccess(System.nanoTime() - start, TimeUnit.NANOSECONDS);
      }
      return result;
    } catch (RuntimeException e) {
      if (breaker != null) {
        record(breaker, e, System.nanoTime() - start);
      }
      throw e;
    } finally {
      if (bulkhead != null) {
        bulkhead.onComplete();
      }
    }
  }

  /**
   * A failure of the downstream service counts against the breaker; a business answer (short stock,
   * unknown SKU) is a success; our own caller cancelling is neither.
   */
  private static void record(CircuitBreaker breaker, RuntimeException e, long nanos) {
    Status.Code code =
        e instanceof StatusRuntimeException s ? s.getStatus().getCode() : Status.Code.UNKNOWN;
    switch (code) {
      case UNAVAILABLE, DEADLINE_EXCEEDED, INTERNAL, UNKNOWN, RESOURCE_EXHAUSTED, DATA_LOSS ->
          breaker.onError(nanos, TimeUnit.NANOSECONDS, e);
      case CANCELLED -> breaker.releasePermission();
      default -> breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Equal jitter: between half the backoff and all of it. */
  private static long jittered(long backoffMs) {
    if (backoffMs <= 1) {
      return backoffMs;
    }
    return backoffMs / 2 + ThreadLocalRandom.current().nextLong(backoffMs / 2 + 1);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Status.CANCELLED.withDescription("interrupted while backing off").asRuntimeException();
    }
  }

  private static Map<Target, Guard> guardsFor(
      CallPolicy next, CallPolicy previous, Map<Target, Guard> current) {
    Map<Target, Guard> out = new EnumMap<>(Target.class);
    for (Target target : Target.values()) {
      Guard old = current == null ? null : current.get(target);
      CircuitBreaker breaker =
          old != null && next.sameBreakerAs(previous) ? old.breaker() : breaker(next, target);
      Bulkhead bulkhead =
          old != null && next.sameBulkheadAs(previous) ? old.bulkhead() : bulkhead(next, target);
      out.put(target, new Guard(breaker, bulkhead));
    }
    return Map.copyOf(out);
  }

  private static CircuitBreaker breaker(CallPolicy p, Target target) {
    if (!p.breakerEnabled()) {
      return null;
    }
    return CircuitBreaker.of(
        target.service(),
        CircuitBreakerConfig.custom()
            .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
            .slidingWindowSize(p.breakerWindowCalls())
            .minimumNumberOfCalls(p.breakerWindowCalls())
            .failureRateThreshold(p.failureRateThreshold())
            .waitDurationInOpenState(p.openDuration())
            .permittedNumberOfCallsInHalfOpenState(1)
            .build());
  }

  private static Bulkhead bulkhead(CallPolicy p, Target target) {
    if (!p.bulkheadEnabled()) {
      return null;
    }
    return Bulkhead.of(
        target.service(),
        BulkheadConfig.custom()
            .maxConcurrentCalls(p.maxConcurrent())
            .maxWaitDuration(Duration.ZERO)
            .build());
  }

  private static String breakerState(Guard guard) {
    return guard == null || guard.breaker() == null
        ? "DISABLED"
        : guard.breaker().getState().name();
  }
}
