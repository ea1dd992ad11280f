package dev.couplinglab.platform.telemetry;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A trace context written down and read back in the W3C form ({@code traceparent}, {@code
 * tracestate}): in a Kafka record's headers, in an outbox row, in a stored order. Reading is the
 * W3C propagator's: a malformed {@code traceparent} reads as no context, so what follows starts a
 * new trace, and nothing of it is kept.
 *
 * <p>Written by hand for Kafka rather than with {@code opentelemetry-kafka-clients}: a record's
 * parent is the context stored with its outbox row, not whatever is current on the relay thread,
 * and the consumer's spans start at the record's timestamp, which the library's wrappers do not do.
 */
public final class TraceContext {

  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

  private TraceContext() {}

  /** The {@code traceparent} of {@code context}'s span, or "" when it has no valid one. */
  public static String traceparent(Context context) {
    return fields(context).getOrDefault(TRACEPARENT, "");
  }

  /** The {@code tracestate} of {@code context}'s span, or "". */
  public static String tracestate(Context context) {
    return fields(context).getOrDefault(TRACESTATE, "");
  }

  /** The W3C trace id (32 hex) of the current span, or "" outside a trace. */
  public static String currentTraceId() {
    SpanContext span = Span.current().getSpanContext();
    return span.isValid() ? span.getTraceId() : "";
  }

  /** The context a stored {@code traceparent} names (root when it is empty or malformed). */
  public static Context fromTraceparent(String traceparent, String tracestate) {
    Map<String, String> fields = new HashMap<>();
    if (traceparent != null && !traceparent.isEmpty()) {
      fields.put(TRACEPARENT, traceparent);
    }
    if (tracestate != null && !tracestate.isEmpty()) {
      fields.put(TRACESTATE, tracestate);
    }
    return W3C.extract(Context.root(), fields, MAP_GETTER);
  }

  /** Whether {@code context} holds a span context read from a valid header or started here. */
  public static boolean isValid(Context context) {
    return Span.fromContext(context).getSpanContext().isValid();
  }

  /** Sets {@code traceparent} (and {@code tracestate}) of {@code context} on a record's headers. */
  public static void inject(Context context, Headers headers) {
    W3C.inject(context, headers, HEADER_SETTER);
  }

  /** The context a record's headers carry (root when none or malformed). */
  public static Context extract(Headers headers) {
    return W3C.extract(Context.root(), headers, HEADER_GETTER);
  }

  private static Map<String, String> fields(Context context) {
    Map<String, String> fields = new HashMap<>();
    W3C.inject(context, fields, Map::put);
    return fields;
  }

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private static final TextMapSetter<Headers> HEADER_SETTER =
      (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
      };

  private static final TextMapGetter<Headers> HEADER_GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers carrier) {
          return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(Headers carrier, String key) {
          Header header = carrier == null ? null : carrier.lastHeader(key);
          return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
      };
}
