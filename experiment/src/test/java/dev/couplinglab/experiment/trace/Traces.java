package dev.couplinglab.experiment.trace;

import java.util.List;
import java.util.Map;

/** A sync and an async order's traces, built by hand as the services would export them. */
public final class Traces {

  static final long T0 = 1_764_000_000_000_000_000L;

  private Traces() {}

  static Span span(
      String id,
      String parent,
      String service,
      String name,
      String kind,
      double fromMs,
      double toMs) {
    return span(id, parent, service, name, kind, fromMs, toMs, Map.of());
  }

  static Span span(
      String id,
      String parent,
      String service,
      String name,
      String kind,
      double fromMs,
      double toMs,
      Map<String, String> attributes) {
    return new Span(
        "t1",
        id,
        parent,
        service,
        name,
        kind,
        T0 + (long) (fromMs * 1e6),
        T0 + (long) (toMs * 1e6),
        false,
        attributes);
  }

  /** PlaceOrder waits on Reserve, then on Notify: the client's answer comes at 12 ms. */
  public static Trace sync() {
    return new Trace(
        "sync-trace",
        List.of(
            span(
                "a",
                "",
                "order-service",
                "PlaceOrder",
                "SERVER",
                0,
                12,
                Map.of(Trace.Attributes.ORDER_ID, "o-sync", Trace.Attributes.STYLE, "sync")),
            span("b", "a", "order-service", "Reserve", "CLIENT", 1, 6),
            span("c", "b", "inventory-service", "Reserve", "SERVER", 1.5, 5.5),
            span("d", "c", "inventory-service", "commit", "INTERNAL", 2, 5),
            span("e", "a", "order-service", "Notify", "CLIENT", 6, 11),
            span("f", "e", "notification-service", "Notify", "SERVER", 6.5, 10.5)));
  }

  /** PlaceOrder answers at 2 ms; the event waits in the outbox and the broker after. */
  public static Trace async() {
    return new Trace(
        "async-trace",
        List.of(
            span(
                "p",
                "",
                "order-service",
                "PlaceOrder",
                "SERVER",
                0,
                2,
                Map.of(Trace.Attributes.ORDER_ID, "o-async", Trace.Attributes.STYLE, "async")),
            span("q", "p", "order-service", "commit", "INTERNAL", 0.5, 1.8),
            span("r", "p", "order-service", "outbox wait orders", "INTERNAL", 1.8, 4, Map.of()),
            span("s", "r", "inventory-service", "broker hop orders", "CONSUMER", 4, 6, Map.of()),
            span("u", "s", "inventory-service", "process order.placed", "CONSUMER", 6, 20)));
  }
}
