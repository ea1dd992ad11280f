package dev.couplinglab.experiment.trace;

import java.util.Map;
import java.util.Optional;

/**
 * One finished span as a service exported it: where it sits in its trace, which service ran it,
 * when (Unix epoch nanoseconds, the services' wall clocks), and what it says about the order.
 *
 * @param parentSpanId empty for a trace's root
 * @param kind the OpenTelemetry span kind: SERVER, CLIENT, PRODUCER, CONSUMER or INTERNAL
 */
public record Span(
    String traceId,
    String spanId,
    String parentSpanId,
    String service,
    String name,
    String kind,
    long startNanos,
    long endNanos,
    boolean error,
    Map<String, String> attributes) {

  /** The name the services give an event's wait in the outbox ({@code outbox wait <topic>}). */
  public static final String OUTBOX_WAIT = "outbox wait";

  /** The name the services give a record's wait in the broker ({@code broker hop <topic>}). */
  public static final String BROKER_HOP = "broker hop";

  public Span {
    parentSpanId = parentSpanId == null ? "" : parentSpanId;
    attributes = Map.copyOf(attributes);
  }

  public long durationNanos() {
    return Math.max(0, endNanos - startNanos);
  }

  public Optional<String> attribute(String key) {
    return Optional.ofNullable(attributes.get(key));
  }

  /** What this span's time was spent on, as the timeline draws it. */
  public Segment segment() {
    if (name.startsWith(OUTBOX_WAIT)) {
      return Segment.OUTBOX_WAIT;
    }
    if (name.startsWith(BROKER_HOP)) {
      return Segment.BROKER_WAIT;
    }
    return "CLIENT".equals(kind) ? Segment.CALLER_WAIT : Segment.WORK;
  }

  /** The four things a span's time can be, drawn each its own way. */
  public enum Segment {
    /** A service doing the work: handling a call, a commit, a record. */
    WORK("work", '#'),
    /** A caller blocked on a gRPC call to the next hop: the sync chain's coupling. */
    CALLER_WAIT("caller waits on the next hop", '='),
    /** An event committed in the outbox and not yet acknowledged by the broker. */
    OUTBOX_WAIT("event waits in the outbox", '~'),
    /** A record in the broker, produced and not yet polled. */
    BROKER_WAIT("record waits in the broker", '.');

    private final String meaning;
    private final char glyph;

    Segment(String meaning, char glyph) {
      this.meaning = meaning;
      this.glyph = glyph;
    }

    public String meaning() {
      return meaning;
    }

    /** The character the terminal waterfall fills this segment's bar with. */
    public char glyph() {
      return glyph;
    }
  }
}
