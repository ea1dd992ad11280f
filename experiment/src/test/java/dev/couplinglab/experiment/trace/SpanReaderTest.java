package dev.couplinglab.experiment.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpanReaderTest {

  /** One export batch as the SDK's OTLP JSON exporter writes it, on one line. */
  private static final String BATCH =
      """
      {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"order-service"}}]},\
      "scopeSpans":[{"scope":{"name":"couplinglab"},"spans":[\
      {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"b7ad6b7169203331","name":"PlaceOrder","kind":2,\
      "startTimeUnixNano":"1764000000000000000","endTimeUnixNano":"1764000000012000000",\
      "attributes":[{"key":"couplinglab.order.id","value":{"stringValue":"o-1"}},\
      {"key":"rpc.grpc.status_code","value":{"intValue":"0"}}],"status":{}},\
      {"traceId":"0af7651916cd43dd8448eb211c80319c","spanId":"00f067aa0ba902b7","parentSpanId":"b7ad6b7169203331",\
      "name":"Reserve","kind":3,"startTimeUnixNano":"1764000000001000000",\
      "endTimeUnixNano":"1764000000006000000","status":{"code":2,"message":"UNAVAILABLE"}}]}]}]}
      """;

  @Test
  void readsEverySpanWithItsServiceKindTimesAttributesAndStatus() {
    List<Span> spans = SpanReader.read(BATCH + "\n{\"resourceSpans\":[{\"resou");

    assertThat(spans).hasSize(2);
    Span root = spans.get(0);
    assertThat(root.service()).isEqualTo("order-service");
    assertThat(root.kind()).isEqualTo("SERVER");
    assertThat(root.parentSpanId()).isEmpty();
    assertThat(root.durationNanos()).isEqualTo(12_000_000L);
    assertThat(root.attributes())
        .containsEntry("couplinglab.order.id", "o-1")
        .containsEntry("rpc.grpc.status_code", "0");
    assertThat(root.error()).isFalse();
    Span reserve = spans.get(1);
    assertThat(reserve.kind()).isEqualTo("CLIENT");
    assertThat(reserve.parentSpanId()).isEqualTo("b7ad6b7169203331");
    assertThat(reserve.error()).isTrue();
  }

  @Test
  void spansGroupIntoTraces() {
    Map<String, Trace> traces = Trace.group(SpanReader.read(BATCH));

    assertThat(traces).containsOnlyKeys("0af7651916cd43dd8448eb211c80319c");
    Trace trace = traces.get("0af7651916cd43dd8448eb211c80319c");
    assertThat(trace.root().name()).isEqualTo("PlaceOrder");
    assertThat(trace.orderId()).hasValue("o-1");
  }
}
