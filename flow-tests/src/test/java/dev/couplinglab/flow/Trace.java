package dev.couplinglab.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.platform.telemetry.SpanFile;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The spans of one trace, as the services wrote them, and the checks of their parent links. */
record Trace(String traceId, List<SpanFile.Span> spans) {

  static Trace of(List<SpanFile.Span> all, String traceId) {
    return new Trace(
        traceId,
        all.stream()
            .filter(s -> s.traceId().equals(traceId))
            .sorted(Comparator.comparingLong(SpanFile.Span::startEpochNanos))
            .toList());
  }

  /**
   * The one span whose parent is not in the trace (the first service's, whose parent is the client
   * or none). Any other such span would be an orphan: a link the chain lost.
   */
  SpanFile.Span root() {
    Set<String> ids = spans.stream().map(SpanFile.Span::spanId).collect(Collectors.toSet());
    List<SpanFile.Span> roots =
        spans.stream().filter(s -> !ids.contains(s.parentSpanId())).toList();
    assertThat(roots).as("spans of trace %s without a parent in it: %s", traceId, spans).hasSize(1);
    return roots.get(0);
  }

  List<SpanFile.Span> named(String name) {
    return spans.stream().filter(s -> s.name().equals(name)).toList();
  }

  /**
   * A child of {@code parent} called {@code name} written by {@code service}: the one the chain
   * goes on from (which has children of its own) when there are several.
   */
  SpanFile.Span childOf(SpanFile.Span parent, String name, String service) {
    List<SpanFile.Span> children =
        spans.stream()
            .filter(s -> s.parentSpanId().equals(parent.spanId()))
            .filter(s -> s.name().equals(name) && s.service().equals(service))
            .toList();
    assertThat(children)
        .as(
            "%s spans of %s under %s '%s' in %s",
            name, service, parent.service(), parent.name(), spans)
        .isNotEmpty();
    return children.stream()
        .filter(c -> spans.stream().anyMatch(s -> s.parentSpanId().equals(c.spanId())))
        .findFirst()
        .orElse(children.get(0));
  }
}
