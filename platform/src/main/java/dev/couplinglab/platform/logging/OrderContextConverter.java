package dev.couplinglab.platform.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.Map;

/**
 * Renders the order identity of a log line as {@code orderId=.. traceId=.. spanId=.. style=..},
 * leaving out the keys that are not set, so lines outside an order's path stay short.
 */
public final class OrderContextConverter extends ClassicConverter {

  private static final String[] KEYS = {
    LogContext.ORDER_ID, LogContext.TRACE_ID, LogContext.SPAN_ID, LogContext.STYLE
  };

  @Override
  public String convert(ILoggingEvent event) {
    Map<String, String> mdc = event.getMDCPropertyMap();
    StringBuilder out = new StringBuilder();
    for (String key : KEYS) {
      String value = mdc.get(key);
      if (value != null) {
        out.append(' ').append(key).append('=').append(value);
      }
    }
    return out.toString();
  }
}
