package dev.couplinglab.inventory.store;

import dev.couplinglab.contracts.Catalogue;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReservationStatus;
import dev.couplinglab.inventory.domain.Decision;
import dev.couplinglab.inventory.domain.ReleaseDecision;
import dev.couplinglab.inventory.domain.ReservationRequest;
import dev.couplinglab.inventory.domain.ReservationRule;
import dev.couplinglab.inventory.domain.StockLevel;
import dev.couplinglab.inventory.domain.StockReservation;
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
import java.util.OptionalInt;

/**
 * Stock and reservations in SQLite. Every method works on a connection the caller holds inside one
 * {@code Database.inTransaction}, so a reservation can share its transaction with the inbox mark
 * and the outbox event of the Kafka path. The rule itself is {@link ReservationRule}; this class
 * only reads its inputs and writes its outcome.
 */
public final class InventoryStore {

  public static final String SCHEMA = "inventory-schema.sql";

  private final Clock clock;

  public InventoryStore(Clock clock) {
    this.clock = clock;
  }

  /** Adds the SKUs that are missing with their initial stock; existing stock is never reset. */
  public int seed(Connection c, List<Catalogue.Item> items) throws SQLException {
    int added = 0;
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT OR IGNORE INTO stock (sku, name, available, reserved) VALUES (?, ?, ?, 0)")) {
      for (Catalogue.Item item : items) {
        insert.setString(1, item.sku());
        insert.setString(2, item.name());
        insert.setInt(3, item.initialStock());
        added += insert.executeUpdate();
      }
    }
    return added;
  }

  /** Applies the reservation rule to {@code request} and stores its outcome. */
  public Decision reserve(Connection c, ReservationRequest request) throws SQLException {
    OptionalInt available =
        stock(c, request.sku()).map(s -> OptionalInt.of(s.available())).orElse(OptionalInt.empty());
    Decision decision =
        ReservationRule.reserve(request, available, reservation(c, request.orderId()));
    if (decision.kind() == Decision.Kind.RESERVED) {
      move(c, request.sku(), -request.quantity());
    }
    if (decision.writes()) {
      insert(c, decision.reservation());
    }
    return decision;
  }

  /** Applies the release rule to {@code orderId} and stores its outcome. */
  public ReleaseDecision release(Connection c, String orderId) throws SQLException {
    ReleaseDecision decision = ReservationRule.release(orderId, reservation(c, orderId));
    StockReservation reservation = decision.reservation();
    switch (decision.kind()) {
      case GIVE_BACK -> {
        move(c, reservation.sku(), reservation.quantity());
        markReleased(c, orderId);
      }
      case TOMBSTONE -> insert(c, reservation);
      case UNCHANGED -> {}
    }
    return decision;
  }

  public Optional<StockLevel> stock(Connection c, String sku) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT sku, name, available, reserved FROM stock WHERE sku = ?")) {
      select.setString(1, sku);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(level(rs)) : Optional.empty();
      }
    }
  }

  /** Every SKU, ordered by SKU. */
  public List<StockLevel> allStock(Connection c) throws SQLException {
    try (PreparedStatement select =
            c.prepareStatement("SELECT sku, name, available, reserved FROM stock ORDER BY sku");
        ResultSet rs = select.executeQuery()) {
      List<StockLevel> levels = new ArrayList<>();
      while (rs.next()) {
        levels.add(level(rs));
      }
      return levels;
    }
  }

  public Optional<StockReservation> reservation(Connection c, String orderId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT order_id, sku, quantity, status, reject_reason, detail"
                + " FROM reservations WHERE order_id = ?")) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String reason = rs.getString(5);
        return Optional.of(
            new StockReservation(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                ReservationStatus.valueOf(rs.getString(4)),
                reason.isEmpty()
                    ? RejectReason.REJECT_REASON_UNSPECIFIED
                    : RejectReason.valueOf(reason),
                rs.getString(6)));
      }
    }
  }

  /** Moves {@code quantity} from reserved to available (negative: from available to reserved). */
  private void move(Connection c, String sku, int quantity) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE stock SET available = available + ?, reserved = reserved - ? WHERE sku = ?")) {
      update.setInt(1, quantity);
      update.setInt(2, quantity);
      update.setString(3, sku);
      if (update.executeUpdate() != 1) {
        throw new SQLException("no stock row for " + sku);
      }
    }
  }

  private void insert(Connection c, StockReservation r) throws SQLException {
    long now = nowMicros();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO reservations (order_id, sku, quantity, status, reject_reason, detail,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, r.orderId());
      insert.setString(2, r.sku());
      insert.setInt(3, r.quantity());
      insert.setString(4, r.status().name());
      insert.setString(
          5,
          r.rejectReason() == RejectReason.REJECT_REASON_UNSPECIFIED
              ? ""
              : r.rejectReason().name());
      insert.setString(6, r.detail());
      insert.setLong(7, now);
      insert.setLong(8, now);
      insert.executeUpdate();
    }
  }

  private void markReleased(Connection c, String orderId) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE reservations SET status = 'RELEASED', updated_at = ? WHERE order_id = ?")) {
      update.setLong(1, nowMicros());
      update.setString(2, orderId);
      update.executeUpdate();
    }
  }

  private long nowMicros() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
  }

  private static StockLevel level(ResultSet rs) throws SQLException {
    return new StockLevel(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4));
  }
}
