package dev.couplinglab.platform.store;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

  @TempDir Path dir;

  @Test
  void commitsWhatReturnsAndRollsBackWhatThrows() throws Exception {
    try (Database database = new Database(Database.sqliteFile(dir.resolve("t.db")))) {
      createTable(database);
      database.inTransaction(c -> insert(c.prepareStatement("INSERT INTO t VALUES (?)"), 1));
      assertThrows(
          IllegalStateException.class,
          () ->
              database.inTransaction(
                  c -> {
                    insert(c.prepareStatement("INSERT INTO t VALUES (?)"), 2);
                    throw new IllegalStateException("rolled back");
                  }));
      assertEquals(1, count(database));
    }
  }

  @Test
  void theLogIsCopiedIntoTheDatabaseFileInTheBackground() throws Exception {
    Path file = dir.resolve("t.db");
    try (Database database = new Database(Database.sqliteFile(file))) {
      createTable(database);
      long before = Files.size(file);
      // About 2,000 pages of log; commits no longer checkpoint (wal_autocheckpoint = 0).
      for (int i = 0; i < 2_000; i++) {
        int n = i;
        database.inTransaction(
            c -> {
              try (PreparedStatement insert = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                insert.setString(1, n + "x".repeat(4_000));
                return insert.executeUpdate();
              }
            });
      }
      await("the database file holds the rows after a background checkpoint")
          .atMost(Duration.ofSeconds(10))
          .until(() -> Files.size(file), size -> size >= before + 4_000_000);
      assertEquals(2_000, count(database));
    }
  }

  private static void createTable(Database database) throws SQLException {
    database.inTransaction(
        c -> {
          try (Statement statement = c.createStatement()) {
            return statement.execute("CREATE TABLE t (v TEXT NOT NULL)");
          }
        });
  }

  private static int insert(PreparedStatement insert, int value) throws SQLException {
    try (insert) {
      insert.setInt(1, value);
      return insert.executeUpdate();
    }
  }

  private static long count(Database database) throws SQLException {
    return database.inTransaction(
        c -> {
          try (Statement statement = c.createStatement();
              ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
