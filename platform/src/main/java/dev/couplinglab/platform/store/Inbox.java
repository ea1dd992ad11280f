package dev.couplinglab.platform.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The processed-events table that makes a consumer's effect idempotent: mark the event in the same
 * transaction as the effect, and skip the effect when the mark already exists.
 */
public final class Inbox {

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS processed_events (
        event_id     TEXT PRIMARY KEY,
        topic        TEXT NOT NULL,
        processed_at INTEGER NOT NULL
      )""";

  private static final Map<String, LongAdder> DUPLICATES = new ConcurrentHashMap<>();

  private Inbox() {}

  /**
   * Redelivered events skipped on {@code topic} since this JVM started. Counted by topic, which one
   * service consumes, so the services of one test JVM keep their own counts.
   */
  public static long duplicates(String topic) {
    LongAdder n = DUPLICATES.get(topic);
    return n == null ? 0 : n.sum();
  }

  /** Returns true the first time {@code eventId} is seen, false for a redelivery. */
  public static boolean markProcessed(Connection c, String eventId, String topic)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT OR IGNORE INTO processed_events (event_id, topic, processed_at) VALUES (?, ?, ?)")) {
      insert.setString(1, eventId);
      insert.setString(2, topic);
      insert.setLong(3, System.currentTimeMillis());
      boolean first = insert.executeUpdate() == 1;
      if (!first) {
        DUPLICATES.computeIfAbsent(topic, t -> new LongAdder()).increment();
      }
      return first;
    }
  }
}
