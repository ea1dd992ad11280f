package dev.couplinglab.experiment.trace;

import dev.couplinglab.platform.telemetry.Spans;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The spans of one trace, as a tree: each span under its parent, siblings by start time. The root
 * is the first span whose parent is not among them; any later such span is an orphan (its parent
 * was not exported, or not yet) and sits at the top beside the root, so nothing is hidden.
 */
public final class Trace {

  /** A span and how deep it sits in the tree (the root and orphans at 0). */
  public record Row(Span span, int depth) {}

  private final String traceId;
  private final List<Span> spans;

  public Trace(String traceId, List<Span> spans) {
    if (spans.isEmpty()) {
      throw new IllegalArgumentException("a trace has at least one span");
    }
    this.traceId = traceId;
    this.spans = List.copyOf(spans);
  }

  /** {@code spans} by trace, each trace's spans in the order given. */
  public static Map<String, Trace> group(List<Span> spans) {
    Map<String, List<Span>> byId = new LinkedHashMap<>();
    for (Span s : spans) {
      byId.computeIfAbsent(s.traceId(), k -> new ArrayList<>()).add(s);
    }
    Map<String, Trace> out = new LinkedHashMap<>();
    byId.forEach((id, list) -> out.put(id, new Trace(id, list)));
    return out;
  }

  public String traceId() {
    return traceId;
  }

  public List<Span> spans() {
    return spans;
  }

  public long startNanos() {
    return spans.stream().mapToLong(Span::startNanos).min().orElseThrow();
  }

  public long endNanos() {
    return spans.stream().mapToLong(Span::endNanos).max().orElseThrow();
  }

  /**
   * The span the trace starts with: the earliest of those whose parent is not in the trace (none,
   * or a caller's span that was not exported, such as the lab's own client call).
   */
  public Span root() {
    return top().get(0);
  }

  /**
   * Spans other than the root whose parent is not in the trace: a link of the chain is missing. A
   * span with the root's own parent is not one: it is another call of the same client (e.g. the
   * WatchOrder that followed PlaceOrder).
   */
  public List<Span> orphans() {
    String clientSpan = root().parentSpanId();
    List<Span> top = top();
    return top.subList(1, top.size()).stream()
        .filter(s -> clientSpan.isEmpty() || !s.parentSpanId().equals(clientSpan))
        .toList();
  }

  private List<Span> top() {
    Set<String> ids = new HashSet<>();
    spans.forEach(s -> ids.add(s.spanId()));
    List<Span> top = new ArrayList<>();
    for (Span s : spans) {
      if (s.parentSpanId().isEmpty() || !ids.contains(s.parentSpanId())) {
        top.add(s);
      }
    }
    top.sort(Comparator.comparingLong(Span::startNanos).thenComparing(Span::name));
    return top;
  }

  /**
   * When the client had its answer: the end of the first server span (the PlaceOrder the client
   * called), or of the root when there is none.
   */
  public long answeredAtNanos() {
    return spans.stream()
        .filter(s -> "SERVER".equals(s.kind()))
        .min(Comparator.comparingLong(Span::startNanos))
        .orElse(root())
        .endNanos();
  }

  /** The spans depth first, each after its parent, siblings by start time. */
  public List<Row> rows() {
    Map<String, List<Span>> children = new HashMap<>();
    Set<String> ids = new HashSet<>();
    spans.forEach(s -> ids.add(s.spanId()));
    List<Span> top = new ArrayList<>();
    for (Span s : spans) {
      if (s.parentSpanId().isEmpty() || !ids.contains(s.parentSpanId())) {
        top.add(s);
      } else {
        children.computeIfAbsent(s.parentSpanId(), k -> new ArrayList<>()).add(s);
      }
    }
    List<Row> rows = new ArrayList<>();
    addAll(rows, top, children, 0);
    return rows;
  }

  private static void addAll(
      List<Row> rows, List<Span> level, Map<String, List<Span>> children, int depth) {
    List<Span> sorted = new ArrayList<>(level);
    sorted.sort(Comparator.comparingLong(Span::startNanos).thenComparing(Span::name));
    for (Span s : sorted) {
      rows.add(new Row(s, depth));
      addAll(rows, children.getOrDefault(s.spanId(), List.of()), children, depth + 1);
    }
  }

  /** The order id the spans carry, if any does. */
  public Optional<String> orderId() {
    return spans.stream().flatMap(s -> s.attribute(Attributes.ORDER_ID).stream()).findFirst();
  }

  /** The style the spans carry, if any does. */
  public Optional<String> style() {
    return spans.stream().flatMap(s -> s.attribute(Attributes.STYLE).stream()).findFirst();
  }

  /** The attribute names this package reads, as the services write them ({@link Spans}). */
  public static final class Attributes {
    public static final String ORDER_ID = Spans.ORDER_ID.getKey();
    public static final String STYLE = Spans.STYLE.getKey();

    private Attributes() {}
  }
}
