package dev.couplinglab.notification.store;

import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.notification.domain.Notice;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Inbox;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The notifications table: at most one notification per order. Recording is idempotent by order id
 * (the first one wins and is returned unchanged), and, for events, by event id as well, through the
 * inbox in the same transaction.
 */
public final class NotificationStore {

  public static final String SCHEMA = "notification-schema.sql";

  /** The notification stored for an order, and whether this call is the one that stored it. */
  public record Recorded(Notification notification, boolean isNew) {}

  private static final String COLUMNS = "order_id, outcome, style, message, recorded_at";

  private final Database database;
  private final Clock clock;

  public NotificationStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** Stores {@code notice} unless its order already has a notification; returns the stored one. */
  public Recorded record(Notice notice) throws SQLException {
    return database.inTransaction(c -> insertIfAbsent(c, notice));
  }

  /**
   * Like {@link #record} for an event, in one transaction with marking {@code eventId} processed.
   * Empty when the event was processed before (a redelivery): nothing is written then.
   */
  public Optional<Recorded> recordEvent(String eventId, String topic, Notice notice)
      throws SQLException {
    return database.inTransaction(
        c ->
            Inbox.markProcessed(c, eventId, topic)
                ? Optional.of(insertIfAbsent(c, notice))
                : Optional.empty());
  }

  public Optional<Notification> find(String orderId) throws SQLException {
    return database.inTransaction(c -> select(c, orderId));
  }

  /** The {@code limit} most recent notifications, newest first. */
  public List<Notification> recent(int limit) throws SQLException {
    return database.inTransaction(
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM notifications ORDER BY recorded_at DESC, rowid DESC LIMIT ?")) {
            select.setInt(1, limit);
            List<Notification> notifications = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
              while (rs.next()) {
                notifications.add(fromRow(rs));
              }
            }
            return notifications;
          }
        });
  }

  private Recorded insertIfAbsent(Connection c, Notice notice) throws SQLException {
    int inserted;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT OR IGNORE INTO notifications"
                + " (order_id, outcome, style, message, sku, quantity, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, notice.orderId());
      insert.setString(2, notice.outcome().name());
      insert.setString(3, notice.style().name());
      insert.setString(4, notice.message());
      insert.setString(5, notice.sku());
      insert.setInt(6, notice.quantity());
      insert.setLong(7, nowMicros());
      inserted = insert.executeUpdate();
    }
    Notification stored =
        select(c, notice.orderId())
            .orElseThrow(
                () -> new SQLException("notification of " + notice.orderId() + " vanished"));
    return new Recorded(stored, inserted == 1);
  }

  private static Optional<Notification> select(Connection c, String orderId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + COLUMNS + " FROM notifications WHERE order_id = ?")) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(fromRow(rs)) : Optional.empty();
      }
    }
  }

  private static Notification fromRow(ResultSet rs) throws SQLException {
    return Notification.newBuilder()
        .setOrderId(rs.getString(1))
        .setOutcome(OrderState.valueOf(rs.getString(2)))
        .setStyle(Style.valueOf(rs.getString(3)))
        .setMessage(rs.getString(4))
        .setRecordedAtMicros(rs.getLong(5))
        .build();
  }

  private long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }
}
