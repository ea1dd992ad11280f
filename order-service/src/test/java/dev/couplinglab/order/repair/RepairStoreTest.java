package dev.couplinglab.order.repair;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.store.Database;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The repairs table in a real SQLite file. */
class RepairStoreTest {

  @TempDir Path dir;
  private Database database;

  @BeforeEach
  void open() throws SQLException {
    database = openDatabase();
  }

  @AfterEach
  void close() throws SQLException {
    database.close();
  }

  private Database openDatabase() throws SQLException {
    Database db = new Database(Database.sqliteFile(dir.resolve("order.db")));
    db.applySchema(OrderStore.SCHEMA);
    return db;
  }

  private Optional<Repair> row(String orderId, RepairKind kind) throws SQLException {
    return database.inTransaction(c -> RepairStore.find(c, orderId, kind));
  }

  private Optional<Repair> take(String orderId, RepairKind kind) throws SQLException {
    return database.inTransaction(c -> RepairStore.take(c, orderId, kind));
  }

  private List<Repair> due(long nowMicros, int limit) throws SQLException {
    return database.inTransaction(c -> RepairStore.due(c, nowMicros, limit));
  }

  private <T> T read(Database.Work<T, RuntimeException> work) throws SQLException {
    return database.inTransaction(work);
  }

  @Test
  void owesEachKindOnceAndKeepsTheFirstRecord() throws SQLException {
    boolean first = database.inTransaction(c -> RepairStore.owe(c, "o-1", RepairKind.NOTIFY, 5, 1));
    boolean again =
        database.inTransaction(c -> RepairStore.owe(c, "o-1", RepairKind.NOTIFY, 50, 10));
    boolean otherKind =
        database.inTransaction(c -> RepairStore.owe(c, "o-1", RepairKind.RELEASE, 7, 2));

    assertThat(first).as("first record written").isTrue();
    assertThat(again).as("the same repair again is not written twice").isFalse();
    assertThat(otherKind).as("another kind for the same order").isTrue();
    assertThat(row("o-1", RepairKind.NOTIFY))
        .as("the first record is kept")
        .contains(new Repair("o-1", RepairKind.NOTIFY, 0, 5, 1, ""));
    assertThat(read(RepairStore::count)).as("rows").isEqualTo(2);
  }

  @Test
  void listsOnlyDueRepairsSoonestFirst() throws SQLException {
    database.inTransaction(
        c -> {
          RepairStore.owe(c, "late", RepairKind.RELEASE, 300, 1);
          RepairStore.owe(c, "soon", RepairKind.RELEASE, 100, 1);
          RepairStore.owe(c, "later", RepairKind.NOTIFY, 900, 1);
          return null;
        });

    assertThat(due(300, 10))
        .as("due at 300")
        .extracting(Repair::orderId)
        .containsExactly("soon", "late");
    assertThat(due(1000, 1))
        .as("limited batch")
        .extracting(Repair::orderId)
        .containsExactly("soon");
    assertThat(read(RepairStore::nextDueMicros)).as("next due").contains(100L);
  }

  @Test
  void aFailedAttemptCountsAndReschedulesAndHoldsBackTheSameDownstream() throws SQLException {
    database.inTransaction(
        c -> {
          RepairStore.owe(c, "a", RepairKind.RELEASE, 10, 1);
          RepairStore.owe(c, "b", RepairKind.RELEASE, 20, 1);
          RepairStore.owe(c, "n", RepairKind.NOTIFY, 20, 1);
          RepairStore.failed(c, "a", RepairKind.RELEASE, 500, 30, "UNAVAILABLE: io exception");
          RepairStore.deferDue(c, RepairKind.RELEASE, 500);
          return null;
        });

    assertThat(row("a", RepairKind.RELEASE))
        .as("the failed repair")
        .contains(new Repair("a", RepairKind.RELEASE, 1, 500, 1, "UNAVAILABLE: io exception"));
    assertThat(due(100, 10))
        .as("only the other downstream's repair is still due")
        .extracting(Repair::orderId)
        .containsExactly("n");
  }

  @Test
  void aFailureOfAnUnrecordedNotifyWritesTheRow() throws SQLException {
    database.inTransaction(
        c -> {
          RepairStore.failed(c, "o", RepairKind.NOTIFY, 200, 100, "DEADLINE_EXCEEDED");
          return null;
        });

    assertThat(row("o", RepairKind.NOTIFY))
        .as("written with one attempt")
        .contains(new Repair("o", RepairKind.NOTIFY, 1, 200, 100, "DEADLINE_EXCEEDED"));
  }

  @Test
  void takeRemovesTheRowAndReturnsItOnce() throws SQLException {
    database.inTransaction(c -> RepairStore.owe(c, "o", RepairKind.NOTIFY, 5, 1));

    assertThat(take("o", RepairKind.NOTIFY)).as("first take").isPresent();
    assertThat(take("o", RepairKind.NOTIFY)).as("second take").isEmpty();
    assertThat(read(RepairStore::nextDueMicros)).as("empty table").isEmpty();
  }

  @Test
  void repairsSurviveClosingAndReopeningTheDatabase() throws SQLException {
    database.inTransaction(c -> RepairStore.owe(c, "o", RepairKind.RELEASE, 5, 1));
    database.close();

    database = openDatabase();

    assertThat(due(5, 10))
        .as("read back after a restart")
        .containsExactly(new Repair("o", RepairKind.RELEASE, 0, 5, 1, ""));
  }
}
