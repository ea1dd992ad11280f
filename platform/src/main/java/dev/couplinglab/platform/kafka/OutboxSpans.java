package dev.couplinglab.platform.kafka;

import dev.couplinglab.platform.store.Outbox;
import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The outbox wait of a row: from its write to the broker's acknowledgement of its record, child of
 * the trace context stored with the row (see {@link OutboxRelay}).
 */
final class OutboxSpans {

  private final Tracer tracer;

  OutboxSpans(Tracer tracer) {
    this.tracer = tracer;
  }

  /**
   * The outbox wait of {@code entry}, or an invalid span when the row was written outside traces.
   */
  Span startWait(Outbox.Entry entry, int attempt) {
    Context stored = TraceContext.fromTraceparent(entry.traceparent(), entry.tracestate());
    if (!TraceContext.isValid(stored)) {
      return Span.getInvalid(); // no trace to continue: starting one here would be an orphan
    }
    return tracer
        .spanBuilder("outbox wait " + entry.topic())
        .setParent(stored)
        .setSpanKind(SpanKind.PRODUCER)
        .setStartTimestamp(entry.createdAtMillis(), TimeUnit.MILLISECONDS)
        .setAttribute(Spans.MESSAGING_SYSTEM, "kafka")
        .setAttribute(Spans.MESSAGING_OPERATION, "publish")
        .setAttribute(Spans.DESTINATION, entry.topic())
        .setAttribute(Spans.ORDER_ID, entry.key())
        .setAttribute(Spans.MESSAGE_ID, entry.eventId())
        .setAttribute(Spans.RETRY_ATTEMPT, (long) attempt)
        .startSpan();
  }

  static void endWait(Span wait, RecordMetadata metadata, Exception e) {
    if (e != null) {
      wait.recordException(e);
      wait.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    } else if (metadata != null) {
      wait.setAttribute(Spans.PARTITION, String.valueOf(metadata.partition()));
      wait.setAttribute(Spans.OFFSET, metadata.offset());
    }
    wait.end();
  }
}
