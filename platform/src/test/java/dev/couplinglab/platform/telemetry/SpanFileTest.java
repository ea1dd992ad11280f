package dev.couplinglab.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpanFileTest {

  @TempDir Path dir;

  @Test
  void rollsAtItsBoundAndReadsBackTheNewestSpansWhole() throws Exception {
    Path file = SpanFile.of(dir, "svc");
    try (SdkTracerProvider provider = provider(new SpanFileExporter(file, 2_000))) {
      Tracer tracer = provider.get("test");
      for (int i = 0; i < 30; i++) {
        Span span = tracer.spanBuilder("span-" + i).startSpan();
        span.setAttribute(Spans.ORDER_ID, "o-" + i);
        span.end();
      }
    }

    assertThat(dir.resolve("svc.spans.1.jsonl")).as("the rolled part").exists();
    assertThat(Files.size(file)).as("the live part stays near its bound").isLessThan(4_000);
    List<SpanFile.Span> spans = SpanFile.read(file);
    List<String> names = spans.stream().map(SpanFile.Span::name).toList();
    int first = 30 - names.size();
    assertThat(names)
        .as("the newest spans, in order, none cut")
        .containsExactlyElementsOf(IntStream.range(first, 30).mapToObj(i -> "span-" + i).toList());
    assertThat(spans)
        .allSatisfy(
            s -> {
              assertThat(s.service()).as("service.name").isEqualTo("svc");
              assertThat(s.traceId()).as("trace id").matches("[0-9a-f]{32}");
              assertThat(s.isRoot()).as("root").isTrue();
              assertThat(s.attributes()).containsKey("couplinglab.order.id");
            });
  }

  @Test
  void skipsLinesThatAreNotSpansAndReadsAPrefixedOne() throws Exception {
    Path file = SpanFile.of(dir, "svc");
    try (SdkTracerProvider provider = provider(new SpanFileExporter(file))) {
      provider.get("test").spanBuilder("kept").startSpan().end();
    }
    String line = Files.readAllLines(file).get(0);
    List<SpanFile.Span> spans =
        SpanFile.parse(
            Stream.of("not json", "{\"cut\": ", "order-service-1  | " + line, "2026 INFO a line"));
    assertThat(spans).extracting(SpanFile.Span::name).containsExactly("kept");
  }

  private static SdkTracerProvider provider(SpanFileExporter exporter) {
    return SdkTracerProvider.builder()
        .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "svc")))
        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
        .build();
  }
}
