package dev.couplinglab.order.repair;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The repairs table (schema in {@code order-schema.sql}): one row per (order id, kind) owed to a
 * downstream service. Methods take the caller's connection, so a repair is written in the same
 * transaction as the order state that owes it, and deleted in the same one as its effect.
 */
public final class RepairStore {

  private static final String COLUMNS =
      "order_id, kind, attempts, next_attempt_at, created_at, last_error";

  private RepairStore() {}

  /**
   * Records that {@code kind} is owed for {@code orderId}, first due at {@code dueAtMicros};
   * nothing if it is owed already (the older row keeps its history). True if a row was written.
   */
  public static boolean owe(
      Connection c, String orderId, RepairKind kind, long dueAtMicros, long nowMicros)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO repairs (order_id, kind, attempts, next_attempt_at, created_at, last_error)"
                + " VALUES (?, ?, 0, ?, ?, '') ON CONFLICT (order_id, kind) DO NOTHING")) {
      insert.setString(1, orderId);
      insert.setString(2, kind.name());
      insert.setLong(3, dueAtMicros);
      insert.setLong(4, nowMicros);
      return insert.executeUpdate() == 1;
    }
  }

  /**
   * Counts one more failed attempt and when to try next; writes the row if it is missing (a Notify
   * owed by an order decided while repair was off).
   */
  public static void failed(
      Connection c,
      String orderId,
      RepairKind kind,
      long nextAttemptAtMicros,
      long nowMicros,
      String error)
      throws SQLException {
    try (PreparedStatement upsert =
        c.prepareStatement(
            "INSERT INTO repairs (order_id, kind, attempts, next_attempt_at, created_at, last_error)"
                + " VALUES (?, ?, 1, ?, ?, ?) ON CONFLICT (order_id, kind) DO UPDATE SET"
                + " attempts = attempts + 1, next_attempt_at = excluded.next_attempt_at,"
                + " last_error = excluded.last_error")) {
      upsert.setString(1, orderId);
      upsert.setString(2, kind.name());
      upsert.setLong(3, nextAttemptAtMicros);
      upsert.setLong(4, nowMicros);
      upsert.setString(5, error);
      upsert.executeUpdate();
    }
  }

  /** The repairs due at {@code nowMicros}, soonest first, at most {@code limit}. */
  public static List<Repair> due(Connection c, long nowMicros, int limit) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT "
                + COLUMNS
                + " FROM repairs WHERE next_attempt_at <= ?"
                + " ORDER BY next_attempt_at LIMIT ?")) {
      select.setLong(1, nowMicros);
      select.setInt(2, limit);
      List<Repair> out = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs));
        }
      }
      return out;
    }
  }

  public static Optional<Repair> find(Connection c, String orderId, RepairKind kind)
      throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + COLUMNS + " FROM repairs WHERE order_id = ? AND kind = ?")) {
      select.setString(1, orderId);
      select.setString(2, kind.name());
      try (ResultSet rs = select.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /** The earliest next attempt of any repair, if there is one. */
  public static Optional<Long> nextDueMicros(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT MIN(next_attempt_at) FROM repairs");
        ResultSet rs = select.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      long next = rs.getLong(1);
      return rs.wasNull() ? Optional.empty() : Optional.of(next);
    }
  }

  /**
   * Moves the other due repairs of {@code kind} to {@code nextAttemptAtMicros} (not counted as
   * attempts): once a downstream failed, the rest of its queue waits with the one that failed.
   */
  public static void deferDue(Connection c, RepairKind kind, long nextAttemptAtMicros)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE repairs SET next_attempt_at = ? WHERE kind = ? AND next_attempt_at < ?")) {
      update.setLong(1, nextAttemptAtMicros);
      update.setString(2, kind.name());
      update.setLong(3, nextAttemptAtMicros);
      update.executeUpdate();
    }
  }

  /** Removes a repair whose call was acknowledged; the row as it was, if it was there. */
  public static Optional<Repair> take(Connection c, String orderId, RepairKind kind)
      throws SQLException {
    Optional<Repair> row = find(c, orderId, kind);
    if (row.isPresent()) {
      delete(c, orderId, kind);
    }
    return row;
  }

  /** Removes a repair that is done; true if it was there. */
  public static boolean delete(Connection c, String orderId, RepairKind kind) throws SQLException {
    try (PreparedStatement delete =
        c.prepareStatement("DELETE FROM repairs WHERE order_id = ? AND kind = ?")) {
      delete.setString(1, orderId);
      delete.setString(2, kind.name());
      return delete.executeUpdate() == 1;
    }
  }

  /** Repairs owed and not yet acknowledged, notifications still in their first attempt included. */
  public static long count(Connection c) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM repairs");
        ResultSet rs = select.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private static Repair read(ResultSet rs) throws SQLException {
    return new Repair(
        rs.getString(1),
        RepairKind.valueOf(rs.getString(2)),
        rs.getInt(3),
        rs.getLong(4),
        rs.getLong(5),
        rs.getString(6));
  }
}
