package dev.couplinglab.experiment.trace;

import dev.couplinglab.platform.telemetry.SpanFile;
import java.nio.file.Path;
import java.util.List;

/**
 * Spans as the services wrote them, through the services' own reader ({@link SpanFile}: OTLP JSON
 * lines, a span file with its rolled part, or {@code docker compose logs} lines), as this package's
 * {@link Span}s.
 */
public final class SpanReader {

  private static final String[] KINDS = {
    "UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"
  };

  private SpanReader() {}

  /** Every span of every line of {@code text}. */
  public static List<Span> read(String text) {
    return SpanFile.parse(text.lines()).stream().map(SpanReader::of).toList();
  }

  /** Every span of a service's span file and its rolled part; none when there is no file. */
  public static List<Span> read(Path file) {
    return SpanFile.read(file).stream().map(SpanReader::of).toList();
  }

  private static Span of(SpanFile.Span s) {
    return new Span(
        s.traceId(),
        s.spanId(),
        s.parentSpanId(),
        s.service(),
        s.name(),
        s.kind() >= 0 && s.kind() < KINDS.length ? KINDS[s.kind()] : KINDS[0],
        s.startEpochNanos(),
        s.endEpochNanos(),
        s.error(),
        s.attributes());
  }
}
