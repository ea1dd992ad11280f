package dev.couplinglab.platform.store;

import com.google.protobuf.Message;
import dev.couplinglab.contracts.Topic;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.opentelemetry.context.Context;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox: an event is written in the same transaction as the state change that
 * caused it, and {@link dev.couplinglab.platform.kafka.OutboxRelay} publishes it afterwards. So an
 * event is never lost after a commit, and never published for a change that rolled back.
 *
 * <p>Each row keeps the W3C trace context current when it was written (the span of the transaction
 * that caused it), so the relay publishes the event as a child of that span: the trace survives the
 * outbox. {@code trace_id} keeps the bare trace id for a reader of the table.
 */
public final class Outbox {

  static final String SCHEMA =
      """
      CREATE TABLE IF NOT EXISTS outbox (
        id         INTEGER PRIMARY KEY AUTOINCREMENT,
        topic      TEXT NOT NULL,
        record_key TEXT NOT NULL,
        payload    BLOB NOT NULL,
        event_id   TEXT NOT NULL,
        trace_id   TEXT NOT NULL,
        created_at INTEGER NOT NULL
      )""";

  /** Columns added after the first release; a store file from before gets them at start. */
  static final String MIGRATIONS =
      """
      ALTER TABLE outbox ADD COLUMN traceparent TEXT NOT NULL DEFAULT '';
      ALTER TABLE outbox ADD COLUMN tracestate TEXT NOT NULL DEFAULT ''""";

  /**
   * A row waiting to be published.
   *
   * @param traceparent the W3C context of the transaction that wrote it, "" if none
   * @param createdAtMillis when it was written (the outbox wait starts there)
   */
  public record Entry(
      long id,
      String topic,
      String key,
      byte[] payload,
      String eventId,
      String traceparent,
      String tracestate,
      long createdAtMillis) {}

  private Outbox() {}

  /** Writes {@code event} with the current trace context, in the caller's transaction. */
  public static <V extends Message> void append(
      Connection c, Topic<V> topic, String key, V event, String eventId) throws SQLException {
    Context context = Context.current();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO outbox (topic, record_key, payload, event_id, trace_id, created_at,"
                + " traceparent, tracestate) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, topic.name());
      insert.setString(2, key);
      insert.setBytes(3, event.toByteArray());
      insert.setString(4, eventId);
      insert.setString(5, TraceContext.currentTraceId());
      insert.setLong(6, System.currentTimeMillis());
      insert.setString(7, TraceContext.traceparent(context));
      insert.setString(8, TraceContext.tracestate(context));
      insert.executeUpdate();
    }
  }

  /** Up to {@code limit} entries written after the entry {@code afterId}, oldest first. */
  public static List<Entry> after(Connection c, long afterId, int limit) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT id, topic, record_key, payload, event_id, traceparent, tracestate, created_at"
                + " FROM outbox"
                + " WHERE id > ? ORDER BY id LIMIT ?")) {
      select.setLong(1, afterId);
      select.setInt(2, limit);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          entries.add(
              new Entry(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getBytes(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getLong(8)));
        }
      }
      return entries;
    }
  }

  /** Deletes every entry up to and including {@code lastId} (they were all published). */
  public static void deleteUpTo(Connection c, long lastId) throws SQLException {
    try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE id <= ?")) {
      delete.setLong(1, lastId);
      delete.executeUpdate();
    }
  }

  public static long size(Connection c) throws SQLException {
    try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM outbox");
        ResultSet rs = count.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /** How long the oldest row has waited, in milliseconds; 0 when the outbox is empty. */
  public static long oldestAgeMillis(Connection c) throws SQLException {
    try (PreparedStatement oldest = c.prepareStatement("SELECT MIN(created_at) FROM outbox");
        ResultSet rs = oldest.executeQuery()) {
      long created = rs.next() ? rs.getLong(1) : 0;
      return created == 0 ? 0 : Math.max(0, System.currentTimeMillis() - created);
    }
  }
}
