package dev.couplinglab.order.messaging;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.StockDecision;
import dev.couplinglab.order.domain.Micros;
import dev.couplinglab.order.flow.OrderUpdates;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.kafka.EventHandler;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.kafka.PoisonEventException;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Inbox;
import dev.couplinglab.platform.store.Outbox;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes an ASYNC order when inventory-service has decided: moves it from PENDING to CONFIRMED or
 * REJECTED and queues its OrderOutcome for notification-service, in one transaction with the
 * processed-event mark. A redelivered decision, or a second decision for a finished order, changes
 * nothing.
 */
public final class StockDecisionHandler implements EventHandler<StockDecision> {

  private static final Logger log = LoggerFactory.getLogger(StockDecisionHandler.class);

  private final Database database;
  private final OutboxRelay relay;
  private final OrderUpdates updates;

  public StockDecisionHandler(Database database, OutboxRelay relay, OrderUpdates updates) {
    this.database = database;
    this.relay = relay;
    this.updates = updates;
  }

  @Override
  public void handle(StockDecision decision, String traceId)
      throws PoisonEventException, SQLException {
    var meta = decision.getMeta();
    try (var ctx = LogContext.open(meta.getOrderId(), meta.getStyle())) {
      if (meta.getEventId().isEmpty() || meta.getOrderId().isEmpty()) {
        throw new PoisonEventException("StockDecision without event id or order id");
      }
      Optional<Order> finished = database.inTransaction(c -> apply(c, decision));
      if (finished.isPresent()) {
        relay.nudge();
        updates.publish(finished.get());
      }
    }
  }

  /** Returns the finished order, or empty when there was nothing to do. */
  private Optional<Order> apply(Connection c, StockDecision decision)
      throws SQLException, PoisonEventException {
    var meta = decision.getMeta();
    if (!Inbox.markProcessed(c, meta.getEventId(), Topics.INVENTORY.name())) {
      log.info("Duplicate StockDecision {} ignored", meta.getEventId());
      return Optional.empty();
    }
    Order order =
        OrderStore.find(c, meta.getOrderId())
            .orElseThrow(
                () ->
                    new PoisonEventException(
                        "StockDecision for unknown order " + meta.getOrderId()));
    if (order.getState() != OrderState.PENDING) {
      log.info("StockDecision for an order already {} ignored", order.getState());
      return Optional.empty();
    }
    Order finished =
        order.toBuilder()
            .setState(decision.getReserved() ? OrderState.CONFIRMED : OrderState.REJECTED)
            .setRejectReason(decision.getRejectReason())
            .setDetail(decision.getDetail())
            .setUpdatedAtMicros(Micros.now())
            .build();
    OrderStore.update(c, finished);
    OrderOutcome outcome = Events.outcome(finished);
    Outbox.append(
        c, Topics.NOTIFICATIONS, finished.getOrderId(), outcome, outcome.getMeta().getEventId());
    if (finished.getState() == OrderState.CONFIRMED) {
      log.info(
          "CONFIRMED: inventory-service reserved {} x {}", order.getQuantity(), order.getSku());
    } else {
      log.info("REJECTED: {}", finished.getDetail());
    }
    return Optional.of(finished);
  }
}
