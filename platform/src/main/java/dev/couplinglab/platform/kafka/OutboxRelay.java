package dev.couplinglab.platform.kafka;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Outbox;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows to Kafka, oldest first, then deletes them.
 *
 * <p>Delivery: at least once. A crash after the broker acknowledged a batch but before its rows
 * were deleted publishes that batch again on restart; consumers deduplicate by event id. Order per
 * key is kept: one relay thread, rows in id order, an idempotent producer.
 *
 * <p>Latency: writers call {@link #nudge()} after their commit, so an event leaves at once instead
 * of waiting for the next poll; the poll interval only catches rows left by a previous run.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

  private final Database database;
  private final Producer<String, byte[]> producer;
  private final Consumer<Throwable> onFatal;
  private final Semaphore work = new Semaphore(0);
  private final Thread thread;
  private volatile boolean running = true;

  /**
   * @param onFatal called once when the producer fails in a way no retry can fix (the service
   *     should exit non-zero)
   */
  public OutboxRelay(
      Database database, Producer<String, byte[]> producer, Consumer<Throwable> onFatal) {
    this.database = database;
    this.producer = producer;
    this.onFatal = onFatal;
    this.thread = new Thread(this::run, "outbox-relay");
    this.thread.setDaemon(true);
  }

  public OutboxRelay start() {
    thread.start();
    return this;
  }

  /** Tells the relay there is something new to publish. Cheap; call after every commit. */
  public void nudge() {
    if (work.availablePermits() == 0) {
      work.release();
    }
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        if (publishBatch() == 0) {
          work.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
          work.drainPermits();
        }
        backoff = Duration.ofMillis(100);
      } catch (InterruptedException e) {
        return;
      } catch (RetriableException | SQLException | TimeoutOrRetriable e) {
        log.warn("Outbox publish failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
        sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } catch (KafkaException e) {
        if (!running) {
          return;
        }
        log.error("Outbox relay stopped by a fatal producer error: {}", e.toString());
        running = false;
        onFatal.accept(e);
      }
    }
  }

  /** Sends up to one batch, waits for every acknowledgement, then deletes the rows. */
  private int publishBatch() throws SQLException, InterruptedException, TimeoutOrRetriable {
    List<Outbox.Entry> entries = database.inTransaction(c -> Outbox.oldest(c, BATCH));
    if (entries.isEmpty()) {
      return 0;
    }
    List<Future<RecordMetadata>> acks = new ArrayList<>(entries.size());
    for (Outbox.Entry entry : entries) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(entry.topic(), entry.key(), entry.payload());
      record.headers().add(Topics.HEADER_EVENT_ID, utf8(entry.eventId()));
      record.headers().add(Topics.HEADER_TRACE_ID, utf8(entry.traceId()));
      acks.add(producer.send(record));
    }
    for (Future<RecordMetadata> ack : acks) {
      awaitAck(ack);
    }
    long lastId = entries.get(entries.size() - 1).id();
    database.inTransaction(
        c -> {
          Outbox.deleteUpTo(c, lastId);
          return null;
        });
    log.debug("Published {} outbox events", entries.size());
    return entries.size();
  }

  private static void awaitAck(Future<RecordMetadata> ack)
      throws InterruptedException, TimeoutOrRetriable {
    try {
      ack.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RetriableException
          || e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw new TimeoutOrRetriable(e.getCause());
      }
      if (e.getCause() instanceof KafkaException k) {
        throw k;
      }
      throw new KafkaException(e.getCause());
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** A send that may succeed if tried again (broker unreachable, leader moving, timeout). */
  private static final class TimeoutOrRetriable extends Exception {
    TimeoutOrRetriable(Throwable cause) {
      super(cause.toString(), cause);
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(5_000);
  }
}
