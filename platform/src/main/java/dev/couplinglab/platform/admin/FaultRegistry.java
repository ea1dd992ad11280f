package dev.couplinglab.platform.admin;

import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.ErrorFault;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import io.grpc.Status;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The faults active in one service, with their expiry and how often each fired. Thread-safe: the
 * list is copy-on-write, so the hot paths (every gRPC call, every Kafka record) read one volatile
 * field and, with no fault active, do nothing else.
 */
public final class FaultRegistry {

  private static final Logger log = LoggerFactory.getLogger(FaultRegistry.class);

  private final Clock clock;
  private volatile List<Active> active = List.of();

  public FaultRegistry() {
    this(Clock.systemUTC());
  }

  public FaultRegistry(Clock clock) {
    this.clock = clock;
  }

  /** One active fault. */
  private record Active(
      String id,
      FaultSpec spec,
      String description,
      long createdAtMicros,
      long expiresAtMicros,
      AtomicLong fired) {

    boolean expiredAt(long nowMicros) {
      return expiresAtMicros != 0 && nowMicros >= expiresAtMicros;
    }

    Fault toProto() {
      return Fault.newBuilder()
          .setId(id)
          .setSpec(spec)
          .setDescription(description)
          .setCreatedAtMicros(createdAtMicros)
          .setExpiresAtMicros(expiresAtMicros)
          .setFired(fired.get())
          .build();
    }
  }

  /** True when no fault is kept (the cheap check of the hot paths). */
  public boolean isEmpty() {
    return active.isEmpty();
  }

  /** Makes {@code spec} (valid, see {@link FaultSpecs#validate}) active; logs one INFO line. */
  public Fault add(FaultSpec spec) {
    if (!FaultSpecs.validate(spec).isEmpty()) {
      throw new IllegalArgumentException("invalid fault: " + FaultSpecs.validate(spec));
    }
    long now = nowMicros();
    long expires = spec.getDurationMs() == 0 ? 0 : now + spec.getDurationMs() * 1000;
    Active fault =
        new Active(newId(), spec, FaultSpecs.describe(spec), now, expires, new AtomicLong());
    synchronized (this) {
      List<Active> next = new ArrayList<>(active);
      next.add(fault);
      active = List.copyOf(next);
    }
    log.info(
        "Fault {} injected: {}{}",
        fault.id(),
        fault.description(),
        expires == 0 ? ", until cleared" : ", for " + spec.getDurationMs() + " ms");
    return fault.toProto();
  }

  /** A fault that acted once and is not kept (poison): for the answer and the log. */
  public Fault oneShot(String id, FaultSpec spec, long fired) {
    return new Active(id, spec, FaultSpecs.describe(spec), nowMicros(), 0, new AtomicLong(fired))
        .toProto();
  }

  public static String newId() {
    return "f-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** The active faults, oldest first; expired ones are dropped. */
  public List<Fault> list() {
    purgeExpired();
    return active.stream().map(Active::toProto).toList();
  }

  /** Removes the fault {@code id}, or every fault when {@code id} is empty; returns how many. */
  public int clear(String id) {
    purgeExpired();
    List<Active> removed = new ArrayList<>();
    synchronized (this) {
      List<Active> kept = new ArrayList<>();
      for (Active fault : active) {
        (id.isEmpty() || fault.id().equals(id) ? removed : kept).add(fault);
      }
      active = List.copyOf(kept);
    }
    for (Active fault : removed) {
      log.info(
          "Fault {} cleared: {} (fired {} times)",
          fault.id(),
          fault.description(),
          fault.fired().get());
    }
    return removed.size();
  }

  /** The error an active error fault answers {@code fullMethodName} with this time, or null. */
  public Status errorFor(String fullMethodName) {
    for (Active fault : current()) {
      if (fault.spec().hasError()) {
        ErrorFault f = fault.spec().getError();
        if (FaultSpecs.methodMatches(f.getMethod(), fullMethodName) && fires(f.getRate())) {
          fault.fired().incrementAndGet();
          return FaultSpecs.statusCode(f.getCode())
              .toStatus()
              .withDescription("injected fault " + fault.id());
        }
      }
    }
    return null;
  }

  /** Milliseconds to wait before the handler of {@code fullMethodName}, 0 for none. */
  public long latencyFor(String fullMethodName) {
    long delay = 0;
    for (Active fault : current()) {
      if (fault.spec().hasLatency()) {
        LatencyFault f = fault.spec().getLatency();
        if (FaultSpecs.methodMatches(f.getMethod(), fullMethodName) && fires(f.getProbability())) {
          fault.fired().incrementAndGet();
          int jitter =
              f.getJitterMs() > 0 ? ThreadLocalRandom.current().nextInt(f.getJitterMs() + 1) : 0;
          delay += f.getFixedMs() + jitter;
        }
      }
    }
    return delay;
  }

  /**
   * Whether the consumer of {@code topic} must hold back this poll; counts one firing per stall
   * fault each time it does.
   */
  public boolean consumerStalled(String topic) {
    boolean stalled = false;
    for (Active fault : current()) {
      if (appliesToConsumer(fault, topic) && fault.spec().getConsumer().getStall()) {
        fault.fired().incrementAndGet();
        stalled = true;
      }
    }
    return stalled;
  }

  /** Whether a stall applies to {@code topic}, without counting. */
  public boolean consumerStallActive(String topic) {
    for (Active fault : current()) {
      if (appliesToConsumer(fault, topic) && fault.spec().getConsumer().getStall()) {
        return true;
      }
    }
    return false;
  }

  /** Milliseconds to sleep before the next record of {@code topic}; counts it as delayed. */
  public long consumerDelayMs(String topic) {
    long delay = 0;
    for (Active fault : current()) {
      if (appliesToConsumer(fault, topic) && fault.spec().getConsumer().getDelayMs() > 0) {
        fault.fired().incrementAndGet();
        delay += fault.spec().getConsumer().getDelayMs();
      }
    }
    return delay;
  }

  /** Whether a delay still applies to {@code topic}, without counting (to cut a sleep short). */
  public boolean consumerDelayActive(String topic) {
    for (Active fault : current()) {
      if (appliesToConsumer(fault, topic) && fault.spec().getConsumer().getDelayMs() > 0) {
        return true;
      }
    }
    return false;
  }

  private static boolean appliesToConsumer(Active fault, String topic) {
    if (!fault.spec().hasConsumer()) {
      return false;
    }
    ConsumerFault f = fault.spec().getConsumer();
    return f.getTopic().isEmpty() || f.getTopic().equals(topic);
  }

  private static boolean fires(double rate) {
    return rate >= 1 || ThreadLocalRandom.current().nextDouble() < rate;
  }

  /** The faults in force now; drops expired ones as a side effect when there are any. */
  private List<Active> current() {
    List<Active> faults = active;
    if (faults.isEmpty()) {
      return faults;
    }
    long now = nowMicros();
    for (Active fault : faults) {
      if (fault.expiredAt(now)) {
        purgeExpired();
        return active;
      }
    }
    return faults;
  }

  private void purgeExpired() {
    long now = nowMicros();
    List<Active> expired = new ArrayList<>();
    synchronized (this) {
      List<Active> kept = new ArrayList<>();
      for (Active fault : active) {
        (fault.expiredAt(now) ? expired : kept).add(fault);
      }
      if (expired.isEmpty()) {
        return;
      }
      active = List.copyOf(kept);
    }
    for (Active fault : expired) {
      log.info(
          "Fault {} expired: {} (fired {} times)",
          fault.id(),
          fault.description(),
          fault.fired().get());
    }
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }
}
