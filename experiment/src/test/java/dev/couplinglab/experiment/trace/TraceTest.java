package dev.couplinglab.experiment.trace;

import static dev.couplinglab.experiment.trace.Traces.span;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

  @Test
  void rowsPutEachSpanAfterItsParentAndSiblingsByStart() {
    List<Trace.Row> rows = Traces.sync().rows();

    assertThat(rows)
        .extracting(r -> r.span().spanId())
        .containsExactly("a", "b", "c", "d", "e", "f");
    assertThat(rows).extracting(Trace.Row::depth).containsExactly(0, 1, 2, 3, 1, 2);
  }

  @Test
  void theClientsAnswerIsTheEndOfTheFirstServerSpan() {
    assertThat(Traces.sync().answeredAtNanos() - Traces.T0).isEqualTo(12_000_000L);
    assertThat(Traces.async().answeredAtNanos() - Traces.T0).isEqualTo(2_000_000L);
    assertThat(Traces.async().endNanos() - Traces.T0).as("outcome later").isEqualTo(20_000_000L);
  }

  @Test
  void aSpanWhoseParentIsMissingIsAnOrphanAtTheTop() {
    Trace trace =
        new Trace(
            "t",
            List.of(
                span("a", "", "order-service", "PlaceOrder", "SERVER", 0, 3),
                span("x", "gone", "inventory-service", "process", "CONSUMER", 5, 6)));

    assertThat(trace.orphans()).extracting(Span::spanId).containsExactly("x");
    assertThat(trace.rows()).extracting(Trace.Row::depth).containsExactly(0, 0);
    assertThat(trace.root().spanId()).isEqualTo("a");
  }

  @Test
  void aRootWhoseParentIsTheCallersUnexportedSpanIsNoOrphan() {
    Trace trace =
        new Trace(
            "t",
            List.of(
                span("a", "lab-client-span", "order-service", "PlaceOrder", "SERVER", 0, 3),
                span("b", "a", "order-service", "commit", "INTERNAL", 1, 2)));

    assertThat(trace.root().spanId()).isEqualTo("a");
    assertThat(trace.orphans()).isEmpty();
  }

  @Test
  void anotherCallOfTheSameClientIsNoOrphan() {
    Trace trace =
        new Trace(
            "t",
            List.of(
                span("a", "lab", "order-service", "PlaceOrder", "SERVER", 0, 3),
                span("w", "lab", "order-service", "WatchOrder", "SERVER", 4, 9),
                span("x", "gone", "inventory-service", "process", "CONSUMER", 5, 6)));

    assertThat(trace.orphans()).extracting(Span::spanId).containsExactly("x");
    assertThat(Waterfall.shortName("couplinglab.v1.OrderService/PlaceOrder"))
        .isEqualTo("OrderService/PlaceOrder");
    assertThat(Waterfall.shortName("outbox wait orders")).isEqualTo("outbox wait orders");
  }

  @Test
  void waitsAreToldFromWork() {
    Trace async = Traces.async();
    assertThat(async.rows())
        .extracting(r -> r.span().segment())
        .containsExactly(
            Span.Segment.WORK,
            Span.Segment.WORK,
            Span.Segment.OUTBOX_WAIT,
            Span.Segment.BROKER_WAIT,
            Span.Segment.WORK);
    assertThat(Traces.sync().spans().get(1).segment()).isEqualTo(Span.Segment.CALLER_WAIT);
  }

  @Test
  void theOrderAndStyleComeFromTheSpans() {
    assertThat(Traces.async().orderId()).hasValue("o-async");
    assertThat(Traces.async().style()).hasValue("async");
  }
}
