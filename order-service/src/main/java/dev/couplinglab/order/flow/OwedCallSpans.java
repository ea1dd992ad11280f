package dev.couplinglab.order.flow;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.order.repair.RepairKind;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.telemetry.Telemetry;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.grpc.StatusRuntimeException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

/**
 * A span for a call a sync order is owed after its chain: the Release of a FAILED order (its
 * compensation) or a Notify the chain could not make. It continues the order's trace (the context
 * stored with the order by PlaceOrder), also when a repair makes it long after, or after a restart;
 * an order stored without one (or before traces) starts a trace of its own.
 */
public final class OwedCallSpans {

  private final Tracer tracer;

  OwedCallSpans(Telemetry telemetry) {
    this.tracer = telemetry.tracer();
  }

  /**
   * Makes the order's stored trace context current (the PlaceOrder span's), so the log lines of
   * work done for it later carry its trace id; root for an order stored without one.
   */
  public static Scope inOrderTrace(Order order) {
    return TraceContext.fromTraceparent(order.getTraceparent(), "").makeCurrent();
  }

  /** Runs {@code call} inside the span of {@code kind} for {@code order}. */
  void run(RepairKind kind, Order order, Runnable call) {
    Context parent = TraceContext.fromTraceparent(order.getTraceparent(), "");
    Span span =
        tracer
            .spanBuilder(kind == RepairKind.RELEASE ? "compensation Release" : "owed Notify")
            .setParent(parent)
            .setAttribute(Spans.ORDER_ID, order.getOrderId())
            .setAttribute(Spans.STYLE, LogContext.styleName(order.getStyle()))
            .setAttribute(Spans.SKU, order.getSku())
            .startSpan();
    try (Scope scope = span.makeCurrent()) {
      call.run();
      span.setAttribute(Spans.OUTCOME, "acknowledged");
    } catch (StatusRuntimeException e) {
      span.setAttribute(Spans.RPC_STATUS, (long) e.getStatus().getCode().value());
      span.setAttribute(Spans.OUTCOME, "failed");
      span.setStatus(StatusCode.ERROR, e.getStatus().getCode().name());
      throw e;
    } catch (RuntimeException e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
