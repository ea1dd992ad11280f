package dev.couplinglab.platform.store;

import dev.couplinglab.platform.telemetry.Telemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One service's SQLite database. SQLite allows one writer at a time, so all work goes through one
 * connection under a lock: simple, and the order of commits is the order of the lock.
 *
 * <p>Durability: WAL with {@code synchronous=NORMAL}. A killed process loses nothing (the OS holds
 * the log); a power cut may drop the last commits. That is the trade this lab makes for ~6x the
 * commit rate of {@code FULL}.
 *
 * <p>Checkpoints (copying the log back into the database file, the only step that calls fsync in
 * this mode) run on a background thread with a connection of their own, never inside a commit: by
 * default SQLite runs one in whichever commit crosses 1,000 log pages, and that commit, holding the
 * lock, waits for two fsyncs while every other request waits for the lock.
 */
public final class Database implements AutoCloseable {

  /** Work done inside one transaction; it may throw one checked exception of its own. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run(Connection connection) throws SQLException, E;
  }

  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system.name");
  private static final AttributeKey<String> DB_OPERATION =
      AttributeKey.stringKey("db.operation.name");
  private static final Duration CHECKPOINT_EVERY = Duration.ofMillis(500);

  private final Tracer tracer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Connection connection;
  private final Connection checkpoints;
  private final ScheduledExecutorService checkpointer;

  public Database(DataSource dataSource) throws SQLException {
    this(dataSource, Telemetry.noop());
  }

  /**
   * @param telemetry the service's: a transaction run inside a sampled trace is a {@code store
   *     commit} span of it (work and commit); one outside any trace (the relay's reads) is none
   */
  public Database(DataSource dataSource, Telemetry telemetry) throws SQLException {
    this.tracer = telemetry.tracer();
    this.connection = dataSource.getConnection();
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = 0");
    }
    this.connection.setAutoCommit(false);
    this.checkpoints = dataSource.getConnection();
    this.checkpointer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "sqlite-checkpoint");
              thread.setDaemon(true);
              return thread;
            });
    long every = CHECKPOINT_EVERY.toMillis();
    checkpointer.scheduleWithFixedDelay(this::checkpoint, every, every, TimeUnit.MILLISECONDS);
  }

  /** A DataSource for the file at {@code path}, creating its folder. */
  public static DataSource sqliteFile(Path path) {
    try {
      Path parent = path.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the folder of " + path, e);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(5_000);
    config.enforceForeignKeys(true);
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl("jdbc:sqlite:" + path.toAbsolutePath());
    return dataSource;
  }

  /** Runs {@code work} in a transaction: committed if it returns, rolled back if it throws. */
  public <T, E extends Exception> T inTransaction(Work<T, E> work) throws SQLException, E {
    if (!Span.current().getSpanContext().isSampled()) {
      return transaction(work);
    }
    Span span =
        tracer
            .spanBuilder("store commit")
            .setAttribute(DB_SYSTEM, "sqlite")
            .setAttribute(DB_OPERATION, "transaction")
            .startSpan();
    try (Scope scope = span.makeCurrent()) {
      return transaction(work);
    } catch (Exception e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }

  private <T, E extends Exception> T transaction(Work<T, E> work) throws SQLException, E {
    lock.lock();
    try {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (Exception e) {
        rollbackQuietly(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Applies a schema script from the classpath: statements separated by {@code ;}, each written to
   * be re-run safely ({@code CREATE TABLE IF NOT EXISTS}), or an {@code ALTER TABLE .. ADD COLUMN}
   * (which SQLite cannot write that way: one whose column exists already is skipped). Also creates
   * and migrates the platform's own tables.
   */
  public void applySchema(String resource) throws SQLException {
    String script =
        readResource(resource) + ";" + Outbox.SCHEMA + ";" + Outbox.MIGRATIONS + ";" + Inbox.SCHEMA;
    inTransaction(
        c -> {
          try (Statement statement = c.createStatement()) {
            for (String sql : script.split(";")) {
              if (!sql.isBlank()) {
                execute(statement, sql);
              }
            }
          }
          return null;
        });
  }

  private static void execute(Statement statement, String sql) throws SQLException {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      boolean addColumn = sql.toUpperCase(java.util.Locale.ROOT).contains("ADD COLUMN");
      if (!addColumn || !String.valueOf(e.getMessage()).contains("duplicate column name")) {
        throw e;
      }
    }
  }

  /**
   * Copies what it can of the log into the database file without waiting for the writer (PASSIVE).
   * The log is rewound from its start by the first commit after a checkpoint that copied it all, so
   * it stays small.
   */
  private void checkpoint() {
    try (Statement statement = checkpoints.createStatement()) {
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      log.warn("SQLite checkpoint failed (retried in {} ms): {}", CHECKPOINT_EVERY.toMillis(), e);
    }
  }

  private void rollbackQuietly(Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static String readResource(String resource) {
    try (InputStream in = Database.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema " + resource + " is not on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws SQLException {
    checkpointer.shutdownNow();
    try {
      checkpointer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try (checkpoints) {
      connection.close();
    } finally {
      lock.unlock();
    }
  }
}
