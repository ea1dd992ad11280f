package dev.couplinglab.platform.logging;

import dev.couplinglab.contracts.v1.Style;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts an order's identity into the SLF4J MDC for the lines logged inside a try-with-resources
 * block, so one order can be followed across services ({@code lab logs --order <id>}): its id, its
 * style, and the W3C {@code traceId} and {@code spanId} of the span current when the block opens
 * (so a log line and a trace agree). Restores whatever was there before on close.
 */
public final class LogContext implements AutoCloseable {

  public static final String ORDER_ID = "orderId";
  public static final String TRACE_ID = "traceId";
  public static final String SPAN_ID = "spanId";
  public static final String STYLE = "style";

  private final Map<String, String> previous;

  private LogContext(String orderId, Style style) {
    this.previous = MDC.getCopyOfContextMap();
    SpanContext span = Span.current().getSpanContext();
    put(ORDER_ID, orderId);
    put(TRACE_ID, span.isValid() ? span.getTraceId() : null);
    put(SPAN_ID, span.isValid() ? span.getSpanId() : null);
    put(STYLE, styleName(style));
  }

  /** The ids come from the current span: there is no way to pass a caller's text as one. */
  public static LogContext open(String orderId, Style style) {
    return new LogContext(orderId, style);
  }

  /** {@code sync} or {@code async}, as written in logs; empty when unknown. */
  public static String styleName(Style style) {
    return switch (style) {
      case SYNC -> "sync";
      case ASYNC -> "async";
      default -> "";
    };
  }

  private static void put(String key, String value) {
    if (value == null || value.isEmpty()) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }

  @Override
  public void close() {
    if (previous == null) {
      MDC.clear();
    } else {
      MDC.setContextMap(previous);
    }
  }
}
