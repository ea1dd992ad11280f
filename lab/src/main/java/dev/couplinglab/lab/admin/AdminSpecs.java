package dev.couplinglab.lab.admin;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.ErrorFault;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.contracts.v1.PoisonFault;
import dev.couplinglab.lab.LabException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Builds the admin API's {@link FaultSpec}s from what a person or an experiment step asks, and
 * prints the answers as one line each.
 */
public final class AdminSpecs {

  /** Every business method of the service. */
  public static final String ALL_METHODS = "*";

  private AdminSpecs() {}

  /**
   * @param lasting null or zero: until cleared
   */
  public static FaultSpec latency(
      String method, Duration fixed, Duration jitter, double probability, Duration lasting) {
    return FaultSpec.newBuilder()
        .setLatency(
            LatencyFault.newBuilder()
                .setMethod(orAll(method))
                .setFixedMs(millis(fixed))
                .setJitterMs(jitter == null ? 0 : millis(jitter))
                .setProbability(probability))
        .setDurationMs(durationMs(lasting))
        .build();
  }

  public static FaultSpec error(String method, String code, double rate, Duration lasting) {
    return FaultSpec.newBuilder()
        .setError(
            ErrorFault.newBuilder().setMethod(orAll(method)).setCode(code(code)).setRate(rate))
        .setDurationMs(durationMs(lasting))
        .build();
  }

  public static FaultSpec slowConsumer(String topic, Duration delay, Duration lasting) {
    return FaultSpec.newBuilder()
        .setConsumer(
            ConsumerFault.newBuilder()
                .setTopic(topic == null ? "" : topic)
                .setDelayMs(millis(delay)))
        .setDurationMs(durationMs(lasting))
        .build();
  }

  public static FaultSpec stallConsumer(String topic, Duration lasting) {
    return FaultSpec.newBuilder()
        .setConsumer(ConsumerFault.newBuilder().setTopic(topic == null ? "" : topic).setStall(true))
        .setDurationMs(durationMs(lasting))
        .build();
  }

  public static FaultSpec poison(String topic, int count) {
    return FaultSpec.newBuilder()
        .setPoison(PoisonFault.newBuilder().setTopic(topic).setCount(count))
        .build();
  }

  /**
   * The topic a service's poison records go to when none is given: the one its producer writes
   * (order-service: {@code orders}, inventory-service: {@code inventory}).
   */
  public static String defaultPoisonTopic(String service) {
    return Service.byName(service)
        .flatMap(Service::publishes)
        .map(Topic::name)
        .orElseThrow(
            () ->
                LabException.usage(
                    service
                        + " has no topic of its own: give one ("
                        + Topics.ALL.stream().map(Topic::name).collect(Collectors.joining(", "))
                        + ")"));
  }

  /**
   * A gRPC status name in any case ({@code unavailable}, {@code DEADLINE_EXCEEDED}); {@code OK} and
   * unknown names are bad usage.
   */
  public static String code(String name) {
    String wanted = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    boolean known =
        Arrays.stream(Status.Code.values())
            .anyMatch(c -> c.name().equals(wanted) && c.value() != 0);
    if (!known) {
      throw LabException.usage(
          "--code must be a gRPC status name other than OK ("
              + Arrays.stream(Status.Code.values())
                  .filter(c -> c != Status.Code.OK)
                  .map(Enum::name)
                  .collect(Collectors.joining(", "))
              + "), was '"
              + name
              + "'");
    }
    return wanted;
  }

  /** {@code inventory-service fault f-1a2b3c4d injected: latency 200 ms ..., for 30 s}. */
  public static String injected(String service, Fault fault, Clock clock) {
    if (fault.getSpec().hasPoison()) {
      return service
          + " fault "
          + fault.getId()
          + " done: "
          + fault.getDescription()
          + " ("
          + fault.getFired()
          + " written)";
    }
    return service
        + " fault "
        + fault.getId()
        + " injected: "
        + fault.getDescription()
        + ", "
        + expiry(fault, clock);
  }

  /** {@code inventory-service fault f-1a2b3c4d: latency ..., fired=3, 25 s left}. */
  public static String listed(String service, Fault fault, Clock clock) {
    return service
        + " fault "
        + fault.getId()
        + ": "
        + fault.getDescription()
        + ", fired="
        + fault.getFired()
        + ", "
        + expiry(fault, clock);
  }

  private static String expiry(Fault fault, Clock clock) {
    if (fault.getExpiresAtMicros() == 0) {
      return "until cleared";
    }
    long micros =
        fault.getExpiresAtMicros() - Instant.now(clock).toEpochMilli() * 1000 /* to micros */;
    return Math.max(0, Math.round(micros / 1e6)) + " s left";
  }

  private static String orAll(String method) {
    return method == null || method.isBlank() ? ALL_METHODS : method.trim();
  }

  private static long durationMs(Duration lasting) {
    return lasting == null ? 0 : lasting.toMillis();
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }
}
