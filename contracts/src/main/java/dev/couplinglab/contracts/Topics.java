package dev.couplinglab.contracts;

import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.StockDecision;
import java.util.List;
import java.util.Optional;

/** Every Kafka topic of the system. No topic name appears anywhere else. */
public final class Topics {

  /** order-service publishes, inventory-service consumes. */
  public static final Topic<OrderPlaced> ORDERS =
      new Topic<>("orders", OrderPlaced.class, OrderPlaced.parser());

  /** inventory-service publishes, order-service consumes. */
  public static final Topic<StockDecision> INVENTORY =
      new Topic<>("inventory", StockDecision.class, StockDecision.parser());

  /** order-service publishes, notification-service consumes. */
  public static final Topic<OrderOutcome> NOTIFICATIONS =
      new Topic<>("notifications", OrderOutcome.class, OrderOutcome.parser());

  public static final List<Topic<?>> ALL = List.of(ORDERS, INVENTORY, NOTIFICATIONS);

  /**
   * Header names set on every record; the dead-letter headers say why a record was parked. A
   * record's trace context travels in the W3C {@code traceparent} and {@code tracestate} headers.
   */
  public static final String HEADER_EVENT_ID = "event-id";

  public static final String HEADER_DLT_ERROR = "dlt-error";
  public static final String HEADER_DLT_ERROR_CLASS = "dlt-error-class";
  public static final String HEADER_DLT_ORIGIN = "dlt-origin";

  /** Set on the records an injected poison fault publishes: the id of that fault. */
  public static final String HEADER_FAULT_ID = "fault-id";

  private Topics() {}

  /** The topic called {@code name}, if it is one of {@link #ALL}. */
  public static Optional<Topic<?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
