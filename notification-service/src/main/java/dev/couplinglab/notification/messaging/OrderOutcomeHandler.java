package dev.couplinglab.notification.messaging;

import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.notification.domain.Notice;
import dev.couplinglab.notification.store.NotificationStore;
import dev.couplinglab.notification.store.NotificationStore.Recorded;
import dev.couplinglab.platform.kafka.EventHandler;
import dev.couplinglab.platform.kafka.PoisonEventException;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.validation.Violation;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the notification an {@link OrderOutcome} event asks for. Idempotent twice over: by event
 * id (a redelivered record is skipped) and by order id (the same outcome sent again with a new
 * event id does not notify twice). An event whose content breaks the rules is poison.
 */
public final class OrderOutcomeHandler implements EventHandler<OrderOutcome> {

  private static final Logger log = LoggerFactory.getLogger(OrderOutcomeHandler.class);

  private final Topic<OrderOutcome> topic;
  private final NotificationStore store;

  public OrderOutcomeHandler(Topic<OrderOutcome> topic, NotificationStore store) {
    this.topic = topic;
    this.store = store;
  }

  @Override
  public void handle(OrderOutcome event, String traceId) throws PoisonEventException, SQLException {
    EventMeta meta = event.getMeta();
    String orderId = Notice.isId(meta.getOrderId()) ? meta.getOrderId() : "";
    try (var ctx = LogContext.open(orderId, meta.getStyle())) {
      Notice notice = toNotice(event);
      List<Violation> violations = new ArrayList<>();
      Notice.idViolation("meta.event_id", meta.getEventId()).ifPresent(violations::add);
      violations.addAll(notice.violations());
      if (!violations.isEmpty()) {
        throw new PoisonEventException("invalid OrderOutcome: " + violations);
      }
      Optional<Recorded> recorded = store.recordEvent(meta.getEventId(), topic.name(), notice);
      if (recorded.isEmpty()) {
        log.info("Skipped event {}: already processed", meta.getEventId());
      } else if (recorded.get().isNew()) {
        log.info("Notified: {}", recorded.get().notification().getMessage());
      } else {
        log.info(
            "Order {} was already notified; event {} changes nothing",
            meta.getOrderId(),
            meta.getEventId());
      }
    }
  }

  static Notice toNotice(OrderOutcome event) {
    return new Notice(
        event.getMeta().getOrderId(),
        event.getState(),
        event.getMeta().getStyle(),
        event.getSku(),
        event.getQuantity(),
        event.getRejectReason(),
        event.getDetail());
  }
}
