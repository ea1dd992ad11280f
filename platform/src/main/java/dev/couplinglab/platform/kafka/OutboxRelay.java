package dev.couplinglab.platform.kafka;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Outbox;
import dev.couplinglab.platform.telemetry.Telemetry;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes outbox rows to Kafka, oldest first, and deletes each row once the broker has
 * acknowledged it.
 *
 * <p>Delivery: at least once. A crash after the broker acknowledged an event but before its row was
 * deleted publishes it again on restart; consumers deduplicate by event id. One relay thread sends
 * rows in id order through an idempotent producer, so the events of a key keep their order while
 * sends succeed (each key carries one event per topic in this system, so a resend after a failure
 * cannot reorder anything a consumer relies on).
 *
 * <p>Latency: writers call {@link #nudge()} after their commit, so an event leaves at once instead
 * of waiting for the next poll; the poll interval only catches rows left by a previous run. Sends
 * are pipelined: new rows go out while earlier ones wait for their acknowledgement (up to {@value
 * #MAX_IN_FLIGHT} events in flight), and each acknowledgement wakes the relay to delete its row
 * (without reading the table, unless a writer has nudged since).
 *
 * <p>Tracing: a row written inside a trace is published as a child of it. An {@code outbox wait}
 * span (kind PRODUCER) runs from the row's write to the broker's acknowledgement, child of the
 * context stored with the row, and the record's {@code traceparent} names that span. A row sent
 * again after a failure gets a new wait span, with its attempt number.
 */
public final class OutboxRelay implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private static final int BATCH = 500;
  private static final int MAX_IN_FLIGHT = 5_000;
  private static final Duration IDLE_POLL = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  // A send unacknowledged this long means the brokers are out of reach (or too slow to count on),
  // long before the producer's delivery timeout (30 s) fails it.
  private static final Duration ACK_OVERDUE = Duration.ofSeconds(5);

  /** An event handed to the producer, by its outbox row id, and when. */
  private record Sent(long id, Future<RecordMetadata> ack, long sentNanos) {}

  private final OutboxSpans spans;
  private final Database database;
  private int attempt = 1; // of the rows sent since the last start over
  private final Producer<String, byte[]> producer;
  private final Consumer<Throwable> onFatal;
  private final PartHealth health;
  private final Semaphore work = new Semaphore(0);
  // Set by nudge() after a commit; true at start for rows a previous run left.
  private final AtomicBoolean rowsWritten = new AtomicBoolean(true);
  private final Thread thread;
  private volatile boolean running = true;
  // Touched by the relay thread only.
  private final Deque<Sent> inFlight = new ArrayDeque<>();
  private long sentUpTo; // the highest row id handed to the producer
  private Boolean reported; // what health was last told; null before the first send settled

  /**
   * @param onFatal called once when the producer fails in a way no retry can fix (the service
   *     should exit non-zero)
   */
  public OutboxRelay(
      Database database, Producer<String, byte[]> producer, Consumer<Throwable> onFatal) {
    this(database, producer, onFatal, PartHealth.NONE);
  }

  /**
   * @param health told SERVING once the brokers acknowledge a send, NOT_SERVING when a send fails
   *     or waits longer than 5 s for its acknowledgement (and when the relay stops for good).
   *     Nothing is sent while the outbox is empty, so an idle relay keeps its last word: it cannot
   *     tell whether brokers it has no reason to call would answer.
   */
  public OutboxRelay(
      Database database,
      Producer<String, byte[]> producer,
      Consumer<Throwable> onFatal,
      PartHealth health) {
    this(database, producer, onFatal, health, Telemetry.noop());
  }

  /**
   * @param telemetry the service's: the outbox wait spans are its
   */
  public OutboxRelay(
      Database database,
      Producer<String, byte[]> producer,
      Consumer<Throwable> onFatal,
      PartHealth health,
      Telemetry telemetry) {
    this.spans = new OutboxSpans(telemetry.tracer());
    this.database = database;
    this.producer = producer;
    this.onFatal = onFatal;
    this.health = health;
    this.thread = new Thread(this::run, "outbox-relay");
    this.thread.setDaemon(true);
  }

  public OutboxRelay start() {
    thread.start();
    return this;
  }

  /** Tells the relay there is something new to do. Cheap; call after every commit. */
  public void nudge() {
    rowsWritten.set(true);
    wake();
  }

  /** Wakes the relay thread (a nudge, or an acknowledgement to settle). */
  private void wake() {
    if (work.availablePermits() == 0) {
      work.release();
    }
  }

  private void run() {
    Duration backoff = Duration.ofMillis(100);
    while (running) {
      try {
        // Read the table only when a writer said it wrote: an acknowledgement alone needs no read.
        int sent = rowsWritten.getAndSet(false) ? sendNew() : 0;
        int acknowledged = deleteAcknowledged();
        if (acknowledged > 0) {
          attempt = 1;
          report(true);
        } else if (ackOverdue()) {
          report(false);
        }
        if (sent == 0 && acknowledged == 0) {
          if (!work.tryAcquire(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS)) {
            rowsWritten.set(true); // idle: look anyway, for rows no nudge announced
          }
          work.drainPermits();
        }
        backoff = Duration.ofMillis(100);
      } catch (InterruptedException e) {
        return;
      } catch (RetriableException | SQLException | TimeoutOrRetriable e) {
        log.warn("Outbox publish failed, retrying in {} ms: {}", backoff.toMillis(), e.toString());
        report(false);
        if (!startOver(backoff)) {
          return;
        }
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
        report(false);
        onFatal.accept(e);
      }
    }
  }

  /** Hands the rows written since the last call to the producer, up to one batch. */
  private int sendNew() throws SQLException {
    if (inFlight.size() >= MAX_IN_FLIGHT) {
      rowsWritten.set(true); // read them once acknowledgements make room
      return 0;
    }
    long after = sentUpTo;
    List<Outbox.Entry> entries = database.inTransaction(c -> Outbox.after(c, after, BATCH));
    for (Outbox.Entry entry : entries) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(entry.topic(), entry.key(), entry.payload());
      record.headers().add(Topics.HEADER_EVENT_ID, utf8(entry.eventId()));
      Span wait = spans.startWait(entry, attempt);
      TraceContext.inject(Context.root().with(wait), record.headers());
      Future<RecordMetadata> ack =
          producer.send(
              record,
              (metadata, e) -> {
                OutboxSpans.endWait(wait, metadata, e);
                wake();
              });
      inFlight.addLast(new Sent(entry.id(), ack, System.nanoTime()));
      sentUpTo = entry.id();
    }
    if (entries.size() == BATCH) {
      rowsWritten.set(true); // a full batch: more may be waiting
    }
    return entries.size();
  }

  /**
   * Deletes the rows of the oldest events the broker has acknowledged, up to the first one still
   * waiting or failed, in one transaction. Then throws if one failed.
   */
  private int deleteAcknowledged() throws SQLException, InterruptedException, TimeoutOrRetriable {
    int acknowledged = 0;
    long lastId = 0;
    TimeoutOrRetriable failure = null;
    while (failure == null && !inFlight.isEmpty() && inFlight.peekFirst().ack().isDone()) {
      Sent sent = inFlight.peekFirst();
      try {
        awaitAck(sent.ack());
        inFlight.removeFirst();
        lastId = sent.id();
        acknowledged++;
      } catch (TimeoutOrRetriable e) {
        failure = e;
      }
    }
    if (acknowledged > 0) {
      long upTo = lastId;
      database.inTransaction(
          c -> {
            Outbox.deleteUpTo(c, upTo);
            return null;
          });
      log.debug("Published {} outbox events", acknowledged);
    }
    if (failure != null) {
      throw failure;
    }
    return acknowledged;
  }

  /**
   * After a failure: lets every send still in flight finish, forgets them, and backs off. The next
   * pass reads the table from its oldest row again, so every event not yet deleted goes out again
   * (some perhaps twice). Returns false if the relay is closing.
   */
  private boolean startOver(Duration backoff) {
    try {
      for (Sent sent : inFlight) {
        try {
          sent.ack().get();
        } catch (ExecutionException ignored) {
          // sent again below
        }
      }
      inFlight.clear();
      sentUpTo = 0;
      attempt++;
      rowsWritten.set(true);
      Thread.sleep(backoff.toMillis());
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Whether the oldest send still waiting has waited longer than {@link #ACK_OVERDUE}. */
  private boolean ackOverdue() {
    Sent oldest = inFlight.peekFirst();
    return oldest != null
        && !oldest.ack().isDone()
        && System.nanoTime() - oldest.sentNanos() > ACK_OVERDUE.toNanos();
  }

  private void report(boolean serving) {
    if (reported == null || reported != serving) {
      reported = serving;
      health.serving(serving);
    }
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
