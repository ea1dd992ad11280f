package dev.couplinglab.order.store;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The orders table. Methods take the caller's connection, so they join its transaction. */
public final class OrderStore {

  public static final String SCHEMA = "order-schema.sql";

  private OrderStore() {}

  /** Inserts {@code order}, or nothing if its id is taken; true if it was inserted. */
  public static boolean insertIfAbsent(Connection c, Order order) throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO orders (order_id, sku, quantity, style, customer_id, state, reject_reason,"
                + " detail, trace_id, created_at, updated_at, traceparent)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING")) {
      insert.setString(1, order.getOrderId());
      insert.setString(2, order.getSku());
      insert.setInt(3, order.getQuantity());
      insert.setString(4, order.getStyle().name());
      insert.setString(5, order.getCustomerId());
      insert.setString(6, order.getState().name());
      insert.setString(7, order.getRejectReason().name());
      insert.setString(8, order.getDetail());
      insert.setString(9, order.getTraceId());
      insert.setLong(10, order.getCreatedAtMicros());
      insert.setLong(11, order.getUpdatedAtMicros());
      insert.setString(12, order.getTraceparent());
      return insert.executeUpdate() == 1;
    }
  }

  public static Optional<Order> find(Connection c, String orderId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT order_id, sku, quantity, style, customer_id, state, reject_reason, detail,"
                + " trace_id, created_at, updated_at, traceparent FROM orders WHERE order_id = ?")) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** Writes the new state of {@code order}; returns false if the row is gone. */
  public static boolean update(Connection c, Order order) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE orders SET state = ?, reject_reason = ?, detail = ?, updated_at = ?"
                + " WHERE order_id = ?")) {
      update.setString(1, order.getState().name());
      update.setString(2, order.getRejectReason().name());
      update.setString(3, order.getDetail());
      update.setLong(4, order.getUpdatedAtMicros());
      update.setString(5, order.getOrderId());
      return update.executeUpdate() == 1;
    }
  }

  /** Whether the outcome of a sync order has reached notification-service. */
  public static boolean isNotified(Connection c, String orderId) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT notified FROM orders WHERE order_id = ?")) {
      select.setString(1, orderId);
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() && rs.getInt(1) == 1;
      }
    }
  }

  public static void markNotified(Connection c, String orderId) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE orders SET notified = 1 WHERE order_id = ?")) {
      update.setString(1, orderId);
      update.executeUpdate();
    }
  }

  /**
   * Sync orders still PENDING. At start-up no chain runs yet, so these are the chains a crash cut:
   * their Reserve may or may not have been applied.
   */
  public static List<Order> pendingSync(Connection c) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT order_id, sku, quantity, style, customer_id, state, reject_reason, detail,"
                + " trace_id, created_at, updated_at, traceparent FROM orders WHERE style = ? AND state = ?")) {
      select.setString(1, Style.SYNC.name());
      select.setString(2, OrderState.PENDING.name());
      List<Order> found = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          found.add(read(rs));
        }
      }
      return found;
    }
  }

  private static Order read(ResultSet rs) throws SQLException {
    return Order.newBuilder()
        .setOrderId(rs.getString(1))
        .setSku(rs.getString(2))
        .setQuantity(rs.getInt(3))
        .setStyle(Style.valueOf(rs.getString(4)))
        .setCustomerId(rs.getString(5))
        .setState(OrderState.valueOf(rs.getString(6)))
        .setRejectReason(RejectReason.valueOf(rs.getString(7)))
        .setDetail(rs.getString(8))
        .setTraceId(rs.getString(9))
        .setCreatedAtMicros(rs.getLong(10))
        .setUpdatedAtMicros(rs.getLong(11))
        .setTraceparent(rs.getString(12))
        .build();
  }
}
