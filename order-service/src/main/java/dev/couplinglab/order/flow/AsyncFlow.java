package dev.couplinglab.order.flow;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.order.messaging.Events;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Outbox;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ASYNC style: store the order as PENDING and its OrderPlaced event in one transaction, answer
 * at once. The outcome arrives later as a StockDecision (see {@code StockDecisionHandler}). The
 * client waits for one local commit; it learns the outcome by GetOrder or WatchOrder.
 */
public final class AsyncFlow {

  private static final Logger log = LoggerFactory.getLogger(AsyncFlow.class);

  private final Database database;
  private final OutboxRelay relay;

  public AsyncFlow(Database database, OutboxRelay relay) {
    this.database = database;
    this.relay = relay;
  }

  public Order place(Order pending) throws SQLException {
    OrderPlaced event = Events.placed(pending);
    database.inTransaction(
        c -> {
          OrderStore.insert(c, pending);
          Outbox.append(
              c,
              Topics.ORDERS,
              pending.getOrderId(),
              event,
              event.getMeta().getEventId(),
              pending.getTraceId());
          return null;
        });
    relay.nudge();
    log.info(
        "Accepted {} x {}: PENDING, OrderPlaced queued for Kafka",
        pending.getQuantity(),
        pending.getSku());
    return pending;
  }
}
