package dev.couplinglab.inventory.messaging;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.contracts.v1.StockDecision;
import dev.couplinglab.inventory.domain.Decision;
import dev.couplinglab.inventory.domain.ReservationRequest;
import dev.couplinglab.inventory.domain.Validation;
import dev.couplinglab.inventory.store.InventoryStore;
import dev.couplinglab.platform.kafka.EventHandler;
import dev.couplinglab.platform.kafka.PoisonEventException;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Inbox;
import dev.couplinglab.platform.store.Outbox;
import dev.couplinglab.platform.validation.Violation;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserves stock for an OrderPlaced event (async style) with the same rule as the gRPC Reserve, and
 * answers with a StockDecision on {@link Topics#INVENTORY}, keyed by order id.
 *
 * <p>Delivery: effectively once per event id. The inbox mark, the reservation and the outbox row
 * are one transaction; a redelivered event id is skipped without emitting anything. An event with a
 * new id for an order already decided reserves nothing and emits the earlier decision again, so a
 * re-sent OrderPlaced always gets an answer. Events that break a rule (bad fields, unknown SKU, a
 * second order under the same id) are poison: they go to the dead-letter topic, no decision.
 */
public final class OrderPlacedHandler implements EventHandler<OrderPlaced> {

  private static final Logger log = LoggerFactory.getLogger(OrderPlacedHandler.class);

  private final Database database;
  private final InventoryStore store;
  private final Runnable afterCommit;
  private final Clock clock;

  /**
   * @param afterCommit called after a decision is committed to the outbox (the relay's nudge)
   */
  public OrderPlacedHandler(
      Database database, InventoryStore store, Runnable afterCommit, Clock clock) {
    this.database = database;
    this.store = store;
    this.afterCommit = afterCommit;
    this.clock = clock;
  }

  @Override
  public void handle(OrderPlaced event, String traceId) throws PoisonEventException, SQLException {
    EventMeta meta = event.getMeta();
    try (var ctx = LogContext.open(meta.getOrderId(), meta.getStyle())) {
      ReservationRequest request =
          new ReservationRequest(meta.getOrderId(), event.getSku(), event.getQuantity());
      List<Violation> problems = Validation.reserve(request);
      if (meta.getEventId().isEmpty()) {
        throw new PoisonEventException("OrderPlaced without meta.event_id");
      }
      if (!problems.isEmpty()) {
        throw new PoisonEventException("OrderPlaced breaks the rules: " + problems);
      }
      Optional<Decision> decision;
      try {
        decision = database.inTransaction(c -> apply(c, event, request, traceId));
      } catch (BrokenRule e) {
        throw new PoisonEventException(e.getMessage());
      }
      if (decision.isEmpty()) {
        log.info("Duplicate event {} ignored", meta.getEventId());
        return;
      }
      afterCommit.run();
      log.info(decision.get().summary());
    }
  }

  /** The transaction: inbox mark, reservation, outbox row. Empty when the event was seen before. */
  private Optional<Decision> apply(
      Connection c, OrderPlaced event, ReservationRequest request, String traceId)
      throws SQLException {
    EventMeta meta = event.getMeta();
    if (!Inbox.markProcessed(c, meta.getEventId(), Topics.ORDERS.name())) {
      return Optional.empty();
    }
    Decision decision = store.reserve(c, request);
    if (decision.kind() == Decision.Kind.UNKNOWN_SKU || decision.kind() == Decision.Kind.CONFLICT) {
      // Thrown to roll back the inbox mark too: the event is parked, not processed.
      throw new BrokenRule(decision.detail());
    }
    String eventId = UUID.randomUUID().toString();
    StockDecision answer =
        StockDecision.newBuilder()
            .setMeta(
                EventMeta.newBuilder()
                    .setEventId(eventId)
                    .setOrderId(meta.getOrderId())
                    .setTraceId(traceId.isEmpty() ? meta.getTraceId() : traceId)
                    .setStyle(meta.getStyle())
                    .setOccurredAtMicros(ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant())))
            .setSku(request.sku())
            .setQuantity(request.quantity())
            .setReserved(decision.holdsStock())
            .setRejectReason(decision.rejectReason())
            .setDetail(decision.detail())
            .build();
    Outbox.append(c, Topics.INVENTORY, meta.getOrderId(), answer, eventId);
    return Optional.of(decision);
  }

  /** Leaves the transaction (rolling it back) for an event that can never be applied. */
  private static final class BrokenRule extends RuntimeException {
    BrokenRule(String message) {
      super(message, null, false, false);
    }
  }
}
