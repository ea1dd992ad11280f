package dev.couplinglab.bench;

import dev.couplinglab.platform.store.Database;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.HdrHistogram.Histogram;

/**
 * The store's floor: one durable commit at a time through the services' own {@link Database}
 * (SQLite file, WAL, {@code synchronous=NORMAL}, one connection under a lock, checkpoints on a
 * background thread), in this JVM, on a file in the run's folder beside the services' stores. Each
 * transaction inserts one order-sized row into a table with a text key: no business code, no other
 * statement.
 */
final class CommitFloor {

  private CommitFloor() {}

  static Latency measure(Path workDir, int warmUp, int measured) throws SQLException {
    Path file = workDir.resolve("commit-floor").resolve("floor.db");
    try (Database database = new Database(Database.sqliteFile(file))) {
      database.inTransaction(
          c -> {
            try (Statement s = c.createStatement()) {
              s.execute("CREATE TABLE floor (id TEXT PRIMARY KEY, body BLOB NOT NULL)");
            }
            return null;
          });
      byte[] body = Payloads.request();
      for (int i = 0; i < warmUp; i++) {
        insert(database, "w" + i, body);
      }
      Histogram histogram = Latency.histogram();
      for (int i = 0; i < measured; i++) {
        String id = "m" + i;
        long start = System.nanoTime();
        insert(database, id, body);
        Latency.record(histogram, System.nanoTime() - start);
      }
      return Latency.of(histogram);
    }
  }

  private static void insert(Database database, String id, byte[] body) throws SQLException {
    database.inTransaction(
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement("INSERT INTO floor (id, body) VALUES (?, ?)")) {
            insert.setString(1, id);
            insert.setBytes(2, body);
            return insert.executeUpdate();
          }
        });
  }
}
