package dev.couplinglab.lab.traces;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.trace.Span;
import dev.couplinglab.experiment.trace.Trace;
import dev.couplinglab.lab.LabException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Waits, within a bound, until the spans of finished orders are in the span files: each service
 * writes its finished spans in batches about every second, each on its own, so the chain of an
 * order that has just ended is whole only a moment later. Reads the files afresh each round.
 */
public final class TraceWait {

  /** How long the spans of an order that has ended may take to appear whole. */
  public static final Duration BOUND = Duration.ofSeconds(10);

  private static final Duration POLL = Duration.ofMillis(250);

  /**
   * The traces found, in the order asked for; {@code incomplete} names the orders whose chain was
   * still missing spans when the bound passed (their traces are drawn as written so far).
   */
  public record Result(List<Trace> traces, List<String> incomplete) {}

  private final Supplier<TraceFiles> read;
  private final Duration bound;

  /**
   * @param read a fresh reading of the span files (a {@link TraceFiles} reads once)
   */
  public TraceWait(Supplier<TraceFiles> read, Duration bound) {
    this.read = read;
    this.bound = bound;
  }

  /**
   * Returns once every order's chain is whole, or when the bound passes with what was written;
   * fails in one line if some order has no span at all by then.
   */
  public Result await(List<String> orderIds) {
    long deadline = System.nanoTime() + bound.toNanos();
    Map<String, Trace> found = new LinkedHashMap<>();
    while (true) {
      TraceFiles files = read.get();
      boolean whole = true;
      for (String id : orderIds) {
        Optional<Trace> trace = files.latestOf(id);
        trace.ifPresent(t -> found.put(id, t));
        whole &= trace.filter(TraceWait::complete).isPresent();
      }
      if (whole || System.nanoTime() >= deadline) {
        return result(orderIds, found);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }

  private Result result(List<String> orderIds, Map<String, Trace> found) {
    List<Trace> traces = new ArrayList<>();
    List<String> incomplete = new ArrayList<>();
    for (String id : orderIds) {
      Trace trace = found.get(id);
      if (trace == null) {
        throw LabException.failure(
            "no span of order "
                + id
                + " reached the span files within "
                + DurationText.format(bound)
                + " of its end: are the services tracing (OTEL_TRACES_SAMPLER,"
                + " OTEL_SDK_DISABLED) and writing their spans.jsonl? ('lab trace "
                + id
                + "' draws it should the spans come later)");
      }
      traces.add(trace);
      if (!complete(trace)) {
        incomplete.add(id);
      }
    }
    return new Result(traces, incomplete);
  }

  /**
   * Whole: it starts at order-service's PlaceOrder, no span of it waits for a parent not yet
   * written, and it reaches notification-service (the last hop of either style, whatever the
   * outcome).
   */
  static boolean complete(Trace trace) {
    Span root = trace.root();
    boolean fromPlaceOrder =
        root.service().equals(Part.ORDER.displayName()) && root.name().endsWith("/PlaceOrder");
    boolean notified =
        trace.spans().stream().anyMatch(s -> s.service().equals(Part.NOTIFICATION.displayName()));
    return fromPlaceOrder && notified && trace.orphans().isEmpty();
  }
}
