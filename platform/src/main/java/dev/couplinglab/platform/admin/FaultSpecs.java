package dev.couplinglab.platform.admin;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.ErrorFault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.contracts.v1.PoisonFault;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a {@link FaultSpec}: what is valid, which gRPC methods a method pattern selects, and
 * how a fault reads for a person. No state.
 */
public final class FaultSpecs {

  public static final int MAX_MS = 600_000;
  public static final long MAX_DURATION_MS = 86_400_000L;
  public static final int MAX_POISON = 1000;
  private static final int MAX_METHOD_LENGTH = 200;

  private FaultSpecs() {}

  /** Every problem of {@code spec}; empty when it may be injected. */
  public static List<Violation> validate(FaultSpec spec) {
    List<Violation> out = new ArrayList<>();
    if (spec.getDurationMs() < 0 || spec.getDurationMs() > MAX_DURATION_MS) {
      out.add(new Violation("duration_ms", "must be from 0 (until cleared) to " + MAX_DURATION_MS));
    }
    switch (spec.getKindCase()) {
      case LATENCY -> validateLatency(spec.getLatency(), out);
      case ERROR -> validateError(spec.getError(), out);
      case CONSUMER -> validateConsumer(spec.getConsumer(), out);
      case POISON -> validatePoison(spec.getPoison(), out);
      case KIND_NOT_SET ->
          out.add(new Violation("kind", "set one of latency, error, consumer, poison"));
    }
    return out;
  }

  private static void validateLatency(LatencyFault f, List<Violation> out) {
    method("latency.method", f.getMethod(), out);
    millis("latency.fixed_ms", f.getFixedMs(), out);
    millis("latency.jitter_ms", f.getJitterMs(), out);
    if (f.getFixedMs() == 0 && f.getJitterMs() == 0) {
      out.add(new Violation("latency.fixed_ms", "fixed_ms and jitter_ms are both 0"));
    }
    rate("latency.probability", f.getProbability(), out);
  }

  private static void validateError(ErrorFault f, List<Violation> out) {
    method("error.method", f.getMethod(), out);
    if (statusCode(f.getCode()) == null) {
      out.add(
          new Violation(
              "error.code",
              "'"
                  + f.getCode()
                  + "' is not a gRPC status code name other than OK"
                  + " (e.g. UNAVAILABLE)"));
    }
    rate("error.rate", f.getRate(), out);
  }

  private static void validateConsumer(ConsumerFault f, List<Violation> out) {
    if (!f.getTopic().isEmpty()) {
      topic("consumer.topic", f.getTopic(), out);
    }
    millis("consumer.delay_ms", f.getDelayMs(), out);
    if (!f.getStall() && f.getDelayMs() == 0) {
      out.add(new Violation("consumer", "set delay_ms or stall"));
    }
  }

  private static void validatePoison(PoisonFault f, List<Violation> out) {
    topic("poison.topic", f.getTopic(), out);
    if (f.getCount() < 1 || f.getCount() > MAX_POISON) {
      out.add(new Violation("poison.count", "must be from 1 to " + MAX_POISON));
    }
  }

  private static void method(String field, String method, List<Violation> out) {
    if (method.isEmpty()) {
      out.add(
          new Violation(field, "empty: give a method (Reserve, or its full name) or * for all"));
    } else if (method.length() > MAX_METHOD_LENGTH) {
      out.add(new Violation(field, "longer than " + MAX_METHOD_LENGTH + " characters"));
    }
  }

  private static void millis(String field, int ms, List<Violation> out) {
    if (ms < 0 || ms > MAX_MS) {
      out.add(new Violation(field, "must be from 0 to " + MAX_MS + " ms"));
    }
  }

  private static void rate(String field, double rate, List<Violation> out) {
    if (!(rate >= 0 && rate <= 1)) { // also rejects NaN
      out.add(new Violation(field, "must be from 0 to 1"));
    }
  }

  private static void topic(String field, String topic, List<Violation> out) {
    if (Topics.byName(topic).isEmpty()) {
      out.add(
          new Violation(
              field,
              "unknown topic '"
                  + topic
                  + "'; one of "
                  + Topics.ALL.stream().map(t -> t.name()).toList()));
    }
  }

  /** The code called {@code name} (upper case, not OK), or null. */
  public static Status.Code statusCode(String name) {
    try {
      Status.Code code = Status.Code.valueOf(name);
      return code == Status.Code.OK ? null : code;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** True for the control plane: admin, resilience, health and reflection never get faults. */
  public static boolean isControlPlane(String fullMethodName) {
    String service = MethodDescriptor.extractFullServiceName(fullMethodName);
    return service == null
        || service.equals("couplinglab.v1.AdminService")
        || service.equals("couplinglab.v1.ResilienceService")
        || service.startsWith("grpc.health.")
        || service.startsWith("grpc.reflection.");
  }

  /**
   * Whether {@code pattern} selects {@code fullMethodName}: {@code *} (every business method), a
   * full name ({@code couplinglab.v1.InventoryService/Reserve}), {@code <service>/*}, or a short
   * name ({@code Reserve}).
   */
  public static boolean methodMatches(String pattern, String fullMethodName) {
    if (isControlPlane(fullMethodName)) {
      return false;
    }
    if (pattern.equals("*")) {
      return true;
    }
    if (pattern.endsWith("/*")) {
      return fullMethodName.startsWith(pattern.substring(0, pattern.length() - 1));
    }
    if (pattern.contains("/")) {
      return pattern.equals(fullMethodName);
    }
    return fullMethodName.endsWith("/" + pattern);
  }

  /** E.g. "latency 200±50 ms on couplinglab.v1.InventoryService/Reserve". */
  public static String describe(FaultSpec spec) {
    return switch (spec.getKindCase()) {
      case LATENCY -> {
        LatencyFault f = spec.getLatency();
        String jitter = f.getJitterMs() > 0 ? "±" + f.getJitterMs() : "";
        yield "latency "
            + f.getFixedMs()
            + jitter
            + " ms on "
            + f.getMethod()
            + share(f.getProbability(), "probability");
      }
      case ERROR -> {
        ErrorFault f = spec.getError();
        yield "error " + f.getCode() + " on " + f.getMethod() + share(f.getRate(), "rate");
      }
      case CONSUMER -> {
        ConsumerFault f = spec.getConsumer();
        String where =
            f.getTopic().isEmpty() ? "every consumer" : "the consumer of " + f.getTopic();
        yield f.getStall()
            ? where + " stalled"
            : where + " delayed " + f.getDelayMs() + " ms per record";
      }
      case POISON -> {
        PoisonFault f = spec.getPoison();
        yield "poison: " + f.getCount() + " unparseable records to " + f.getTopic();
      }
      case KIND_NOT_SET -> "nothing";
    };
  }

  private static String share(double value, String name) {
    return value >= 1
        ? ""
        : " (" + name + " " + BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + ")";
  }
}
