package dev.couplinglab.platform.metrics;

import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Inbox;
import dev.couplinglab.platform.store.Outbox;
import java.sql.SQLException;
import java.util.function.DoubleSupplier;

/**
 * The async side's figures, read at scrape time from what the parts already keep: each consumer's
 * records handled and dead-lettered, its lag and the redeliveries its inbox skipped; the outbox's
 * backlog and the age of its oldest row (two small queries on the service's store per scrape).
 */
public final class KafkaMetrics {

  private KafkaMetrics() {}

  /** A consumer of {@code topic}: {@code couplinglab_consumer_*{topic}}. */
  public static void consumer(ServiceMetrics metrics, EventConsumer<?> consumer, String topic) {
    metrics.counter(
        "consumer_records",
        "records this service's consumer handled (applied, or a duplicate skipped)",
        "topic",
        topic,
        consumer::processedCount);
    metrics.counter(
        "consumer_dead_lettered",
        "records this service's consumer forwarded to the dead-letter topic",
        "topic",
        topic,
        consumer::deadLetteredCount);
    metrics.counter(
        "inbox_duplicates",
        "redelivered events the inbox recognised and skipped",
        "topic",
        topic,
        () -> Inbox.duplicates(topic));
    metrics.gauge(
        "consumer_lag",
        "records the consumer is behind the end of its partitions (-1: unknown)",
        "topic",
        topic,
        consumer::lag);
  }

  /** The service's outbox: {@code couplinglab_outbox_backlog} and {@code _oldest_age_seconds}. */
  public static void outbox(ServiceMetrics metrics, Database database) {
    metrics.gauge(
        "outbox_backlog",
        "events committed in the outbox and not yet acknowledged by the broker",
        read(() -> database.inTransaction(Outbox::size)));
    metrics.gauge(
        "outbox_oldest_age_seconds",
        "how long the oldest event in the outbox has waited (0: empty)",
        read(() -> database.inTransaction(Outbox::oldestAgeMillis) / 1000.0));
  }

  private interface Query {
    double run() throws SQLException;
  }

  /** A store read for a scrape: NaN (Prometheus's "no value") when the store cannot answer. */
  private static DoubleSupplier read(Query query) {
    return () -> {
      try {
        return query.run();
      } catch (SQLException e) {
        return Double.NaN;
      }
    };
  }
}
