package dev.couplinglab.order.flow;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.order.messaging.Events;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.store.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ASYNC style: store the order as PENDING and its OrderPlaced event in one transaction (the
 * endpoint's, see {@code OrderGrpcService}), answer at once. The outcome arrives later as a
 * StockDecision (see {@code StockDecisionHandler}). The client waits for one local commit; it
 * learns the outcome by GetOrder or WatchOrder.
 */
public final class AsyncFlow {

  private static final Logger log = LoggerFactory.getLogger(AsyncFlow.class);

  private final OutboxRelay relay;

  public AsyncFlow(OutboxRelay relay) {
    this.relay = relay;
  }

  /**
   * Writes the order's OrderPlaced event in the caller's transaction, the one storing the order.
   */
  public void queuePlaced(Connection c, Order pending) throws SQLException {
    OrderPlaced event = Events.placed(pending);
    Outbox.append(c, Topics.ORDERS, pending.getOrderId(), event, event.getMeta().getEventId());
  }

  /** After the commit: the event leaves now, and the client gets the PENDING order. */
  public Order accepted(Order pending) {
    relay.nudge();
    log.info(
        "Accepted {} x {}: PENDING, OrderPlaced queued for Kafka",
        pending.getQuantity(),
        pending.getSku());
    return pending;
  }
}
