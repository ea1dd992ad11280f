package dev.couplinglab.platform.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store file written before traces: start-up adds the outbox's trace columns, rows survive. */
class OutboxMigrationTest {

  private static final Topic<OrderPlaced> TOPIC =
      new Topic<>("orders", OrderPlaced.class, OrderPlaced.parser());
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @TempDir Path dir;

  @Test
  void addsTheTraceColumnsToAnOldOutboxAndKeepsItsRows() throws Exception {
    Path file = dir.resolve("old.db");
    try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement statement = old.createStatement()) {
      // The outbox as the first release created it, with a row its relay had not published.
      statement.execute(
          "CREATE TABLE outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, topic TEXT NOT NULL,"
              + " record_key TEXT NOT NULL, payload BLOB NOT NULL, event_id TEXT NOT NULL,"
              + " trace_id TEXT NOT NULL, created_at INTEGER NOT NULL)");
      statement.execute(
          "INSERT INTO outbox (topic, record_key, payload, event_id, trace_id, created_at)"
              + " VALUES ('orders', 'o-old', x'', 'e-old', '0123456789abcdef', 1)");
    }

    try (Database database = new Database(Database.sqliteFile(file))) {
      database.applySchema("relay-test-schema.sql");
      database.applySchema("relay-test-schema.sql"); // every start applies it again
      SpanContext writer =
          SpanContext.create(
              TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault());
      try (Scope scope = Context.root().with(Span.wrap(writer)).makeCurrent()) {
        database.inTransaction(
            c -> {
              Outbox.append(c, TOPIC, "o-new", event("o-new"), "e-new");
              return null;
            });
      }
      List<Outbox.Entry> entries = database.inTransaction(c -> Outbox.after(c, 0, 10));

      assertThat(entries).extracting(Outbox.Entry::eventId).containsExactly("e-old", "e-new");
      assertThat(entries.get(0).traceparent()).as("old row: no context to continue").isEmpty();
      assertThat(TraceContext.isValid(TraceContext.fromTraceparent("0123456789abcdef", "")))
          .as("an old 16-hex trace id read as a traceparent")
          .isFalse();
      assertThat(entries.get(1).traceparent())
          .as("new row: the writer's context")
          .isEqualTo("00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    }
  }

  private static OrderPlaced event(String orderId) {
    return OrderPlaced.newBuilder()
        .setMeta(EventMeta.newBuilder().setEventId("e-" + orderId).setOrderId(orderId))
        .build();
  }
}
