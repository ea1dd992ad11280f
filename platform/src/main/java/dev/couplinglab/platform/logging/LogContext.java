package dev.couplinglab.platform.logging;

import dev.couplinglab.contracts.v1.Style;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts an order's identity into the SLF4J MDC for the lines logged inside a try-with-resources
 * block, so one order can be followed across services ({@code lab logs --order <id>}). Restores
 * whatever was there before on close.
 */
public final class LogContext implements AutoCloseable {

  public static final String ORDER_ID = "orderId";
  public static final String TRACE_ID = "traceId";
  public static final String STYLE = "style";

  private final Map<String, String> previous;

  private LogContext(String orderId, String traceId, Style style) {
    this.previous = MDC.getCopyOfContextMap();
    put(ORDER_ID, orderId);
    put(TRACE_ID, traceId);
    put(STYLE, styleName(style));
  }

  public static LogContext open(String orderId, String traceId, Style style) {
    return new LogContext(orderId, traceId, style);
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
