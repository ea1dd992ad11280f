package dev.couplinglab.platform.kafka;

import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The spans of one consumed record: the broker hop (record timestamp to poll) and its processing,
 * both children of the context in the record's {@code traceparent}. Records without a valid one get
 * no span (an invalid one, which costs nothing).
 */
final class RecordSpans {

  private final Tracer tracer;
  private final String topic;

  RecordSpans(Tracer tracer, String topic) {
    this.tracer = tracer;
    this.topic = topic;
  }

  static long nowEpochNanos() {
    Instant now = Instant.now();
    return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
  }

  /** Records the hop of {@code record} and starts its process span (not yet current). */
  Span start(ConsumerRecord<String, byte[]> record, long polledAtNanos) {
    Context parent = TraceContext.extract(record.headers());
    if (!TraceContext.isValid(parent)) {
      return Span.getInvalid();
    }
    // The producer's create time; a record without one (-1) shows a hop of zero length.
    long sentAtNanos =
        record.timestamp() < 0 ? polledAtNanos : TimeUnit.MILLISECONDS.toNanos(record.timestamp());
    Span hop =
        tracer
            .spanBuilder("broker hop " + topic)
            .setParent(parent)
            .setSpanKind(SpanKind.CONSUMER)
            .setStartTimestamp(Math.min(sentAtNanos, polledAtNanos), TimeUnit.NANOSECONDS)
            .setAttribute(Spans.MESSAGING_SYSTEM, "kafka")
            .setAttribute(Spans.MESSAGING_OPERATION, "receive")
            .startSpan();
    describe(hop, record);
    hop.end(polledAtNanos, TimeUnit.NANOSECONDS);
    Span process =
        tracer
            .spanBuilder("process " + topic)
            .setParent(parent.with(hop))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute(Spans.MESSAGING_SYSTEM, "kafka")
            .setAttribute(Spans.MESSAGING_OPERATION, "process")
            .startSpan();
    describe(process, record);
    return process;
  }

  private void describe(Span span, ConsumerRecord<String, byte[]> record) {
    span.setAttribute(Spans.DESTINATION, topic);
    span.setAttribute(Spans.PARTITION, String.valueOf(record.partition()));
    span.setAttribute(Spans.OFFSET, record.offset());
    if (record.key() != null) {
      span.setAttribute(Spans.ORDER_ID, record.key());
    }
  }

  void outcome(Span span, String outcome) {
    span.setAttribute(Spans.OUTCOME, outcome);
  }

  void failed(Span span, Exception e, String outcome) {
    span.recordException(e);
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
    span.setAttribute(Spans.OUTCOME, outcome);
  }
}
