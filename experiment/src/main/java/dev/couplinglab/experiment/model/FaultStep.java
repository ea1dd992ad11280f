package dev.couplinglab.experiment.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One step of a fault timeline. Fields that do not apply to {@link #fault()} are null.
 *
 * @param at offset from the start of the load
 * @param fault what to do
 * @param part the service or broker it acts on (e.g. {@code inventory-service}, {@code kafka-2}),
 *     written {@code target:} in an experiment file
 * @param lasting how long before it is undone; null = until the end of the load (instant kinds:
 *     null)
 * @param method gRPC method for latency / error faults (e.g. {@code Reserve}); null = every method
 * @param fixed added latency
 * @param jitter random extra latency, 0 to this value
 * @param code gRPC status code name for error faults (e.g. {@code UNAVAILABLE})
 * @param rate fraction of calls that fail, for error faults; for a planned overload, the orders/s
 *     offered per style
 * @param delay per-record delay for slow-consumer
 * @param topic topic for consumer and poison faults; null = the service's default
 * @param count number of poison records
 * @param peer for partition: cut only the link between the part and this service; null = cut the
 *     part off from everything
 */
public record FaultStep(
    Duration at,
    FaultKind fault,
    String part,
    Duration lasting,
    String method,
    Duration fixed,
    Duration jitter,
    String code,
    Double rate,
    Duration delay,
    String topic,
    Integer count,
    String peer) {

  /** The step of a planned overload phase: {@code rate} orders/s per style, from {@code at}. */
  public static FaultStep overload(Duration at, Duration lasting, double rate) {
    return new FaultStep(
        at,
        FaultKind.OVERLOAD,
        "cluster",
        lasting,
        null,
        null,
        null,
        null,
        rate,
        null,
        null,
        null,
        null);
  }

  public Optional<Duration> lastingFor() {
    return Optional.ofNullable(lasting);
  }

  /** Human-readable: {@code latency on inventory-service Reserve +200ms ±50ms for 30s}. */
  public String describe() {
    List<String> parts = new ArrayList<>();
    parts.add(fault.text() + " " + part + (peer == null ? "" : " from " + peer));
    if (method != null) {
      parts.add(method);
    }
    if (fixed != null) {
      parts.add("+" + DurationText.format(fixed));
    }
    if (jitter != null) {
      parts.add("±" + DurationText.format(jitter));
    }
    if (code != null) {
      parts.add(code + (rate == null ? "" : " at rate " + rate));
    }
    if (fault == FaultKind.OVERLOAD && rate != null) {
      parts.add(
          "at " + BigDecimal.valueOf(rate).stripTrailingZeros().toPlainString() + "/s per style");
    }
    if (delay != null) {
      parts.add("delay " + DurationText.format(delay));
    }
    if (topic != null) {
      parts.add("topic " + topic);
    }
    if (count != null) {
      parts.add(count + " record(s)");
    }
    if (lasting != null) {
      parts.add("for " + DurationText.format(lasting));
    } else if (!fault.isInstant()) {
      parts.add("until the end of the load");
    }
    return String.join(" ", parts);
  }
}
