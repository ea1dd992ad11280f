package dev.couplinglab.platform.kafka;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.telemetry.Telemetry;
import dev.couplinglab.platform.telemetry.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one topic and applies each event with an {@link EventHandler}. Failures come in three
 * kinds, each handled on purpose:
 *
 * <ul>
 *   <li>poison (the record does not parse, or the handler says it never can succeed, or the handler
 *       has a bug): forwarded to the topic's dead-letter topic with the original headers and the
 *       error, then skipped. A bad record never stops its partition.
 *   <li>retriable (the store is busy or failing): the same record is retried with backoff.
 *   <li>fatal (the Kafka client cannot go on): one ERROR line, then {@code onFatal}.
 * </ul>
 *
 * <p>Delivery: at least once. The offsets of a poll's records are committed once every one of their
 * effects is durable (or the record was parked), so a crash re-delivers at most one poll's records;
 * handlers deduplicate by event id.
 *
 * <p>Injected consumer faults ({@link FaultRegistry}): a delay sleeps before each record; a stall
 * pauses every assigned partition and keeps polling, so the consumer stays in its group, and the
 * records fetched but not yet handled when the stall began are rewound, not handled. With no fault
 * active the check is one volatile read per record.
 *
 * <p>Tracing: a record whose {@code traceparent} header is valid gets a {@code broker hop} span
 * (from the record's timestamp to the poll that fetched it) and a {@code process} span after it,
 * both children of the record's context; the handler runs with the process span current, so what it
 * stores and publishes continues the trace. A record without a valid header is processed with no
 * span. A record delivered again gets spans again, in the same trace.
 */
public final class EventConsumer<V extends Message> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EventConsumer.class);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  private static final Duration STALLED_POLL = Duration.ofMillis(200);
  private static final long SLEEP_SLICE_MS = 100;
  private static final Duration COMMIT_EVERY = Duration.ofMillis(100);
  private static final Duration HEALTH_EVERY = Duration.ofMillis(500);
  // No connection to any broker for this long: the brokers are out of reach.
  private static final Duration UNCONNECTED_BOUND = Duration.ofSeconds(3);
  private static final int STORE_FAILURES_DOWN = 3;

  private final Topic<V> topic;
  private final RecordSpans spans;
  private final org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final EventHandler<V> handler;
  private final Consumer<Throwable> onFatal;
  private final FaultRegistry faults;
  private final PartHealth health;
  private final Thread thread;
  private final AtomicLong processed = new AtomicLong();
  private final AtomicLong deadLettered = new AtomicLong();
  private volatile long lag = -1;
  private volatile boolean running = true;
  // Offsets of settled records not committed yet; touched by the consumer thread only.
  private final Map<TopicPartition, OffsetAndMetadata> uncommitted = new HashMap<>();
  private long lastCommitNanos = System.nanoTime();
  // Health, touched by the consumer thread only.
  private Boolean reported;
  private boolean storeFailing;
  private long lastHealthNanos;
  private Metric connections;
  private long lastConnectedNanos = System.nanoTime();

  public EventConsumer(
      Topic<V> topic,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters,
      EventHandler<V> handler,
      Consumer<Throwable> onFatal) {
    this(topic, consumer, deadLetters, handler, onFatal, new FaultRegistry());
  }

  /**
   * @param faults the service's faults: consumer faults for this topic slow or stall it
   */
  public EventConsumer(
      Topic<V> topic,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters,
      EventHandler<V> handler,
      Consumer<Throwable> onFatal,
      FaultRegistry faults) {
    this(topic, consumer, deadLetters, handler, onFatal, faults, PartHealth.NONE, Telemetry.noop());
  }

  /**
   * @param health told SERVING while the consumer holds partitions and handles their records;
   *     NOT_SERVING without an assignment, when it has had no connection to any broker for 3 s,
   *     while stalled by a fault, while its store keeps failing (3 tries of a record in a row), and
   *     once its loop has stopped
   * @param telemetry the service's: the broker hop and process spans are its
   */
  public EventConsumer(
      Topic<V> topic,
      org.apache.kafka.clients.consumer.Consumer<String, byte[]> consumer,
      Producer<String, byte[]> deadLetters,
      EventHandler<V> handler,
      Consumer<Throwable> onFatal,
      FaultRegistry faults,
      PartHealth health,
      Telemetry telemetry) {
    this.spans = new RecordSpans(telemetry.tracer(), topic.name());
    this.topic = topic;
    this.health = health;
    this.faults = faults;
    this.consumer = consumer;
    this.deadLetters = deadLetters;
    this.handler = handler;
    this.onFatal = onFatal;
    this.thread = new Thread(this::run, "consumer-" + topic.name());
    this.thread.setDaemon(true);
  }

  public EventConsumer<V> start() {
    thread.start();
    return this;
  }

  public long processedCount() {
    return processed.get();
  }

  /**
   * Records this consumer is behind on its partitions, from the positions and ends of its last
   * fetches (updated every 0.5 s on the consumer's thread, no broker call); -1 when unknown.
   */
  public long lag() {
    return lag;
  }

  public long deadLetteredCount() {
    return deadLettered.get();
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic.name()), new CommitBeforeRevoke());
      while (running) {
        if (stalled()) {
          report(false);
          holdBackOnePoll();
          continue;
        }
        if (!consumer.paused().isEmpty()) {
          consumer.resume(consumer.paused());
          log.info("Consumer of {} resumed", topic);
        }
        handleBatch(consumer.poll(Duration.ofMillis(500)));
        commitIfDue();
        checkHealthIfDue();
      }
    } catch (WakeupException | InterruptedException e) {
      // close() asked us to stop
    } catch (KafkaException e) {
      if (running) {
        log.error("Consumer of {} stopped by a fatal error: {}", topic, e.toString());
        onFatal.accept(e);
      }
    } finally {
      report(false);
      commitAndWait("closing");
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void handleBatch(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    // Where to start again in each partition when a stall begins in the middle of the batch.
    Map<TopicPartition, Long> rewind = new HashMap<>();
    long polledAtNanos = RecordSpans.nowEpochNanos();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (!running) {
        return;
      }
      TopicPartition partition = new TopicPartition(record.topic(), record.partition());
      if (!rewind.isEmpty() || (!faults.isEmpty() && faults.consumerStallActive(topic.name()))) {
        rewind.putIfAbsent(partition, record.offset());
        continue;
      }
      delayIfAsked();
      if (!process(record, polledAtNanos)) {
        return; // closing: this record is not settled, so its offset is not committed
      }
      uncommitted.put(partition, new OffsetAndMetadata(record.offset() + 1));
    }
    rewind.forEach(consumer::seek);
  }

  /**
   * Commits the settled records' offsets at most every {@code COMMIT_EVERY}, without waiting: a
   * commit per record costs a request to the broker and a write to its offsets log each, which
   * under load cost more than the records themselves. Should a commit be lost (crash), those
   * records come again and the handlers' inbox skips them.
   */
  private void commitIfDue() {
    long now = System.nanoTime();
    if (uncommitted.isEmpty() || now - lastCommitNanos < COMMIT_EVERY.toNanos()) {
      return;
    }
    lastCommitNanos = now;
    consumer.commitAsync(
        Map.copyOf(uncommitted),
        (offsets, e) -> {
          if (e != null) {
            log.warn(
                "Offset commit on {} failed (records may come again): {}", topic, e.toString());
          }
        });
    uncommitted.clear();
  }

  /**
   * Commits and waits: before closing, so a clean stop re-delivers nothing, and before a rebalance
   * hands the partitions to another consumer.
   */
  private void commitAndWait(String before) {
    if (uncommitted.isEmpty()) {
      return;
    }
    try {
      consumer.commitSync(uncommitted);
    } catch (WakeupException e) {
      consumer.commitSync(uncommitted); // close() woke the consumer; that wake-up is spent now
    } catch (KafkaException e) {
      log.warn("Offset commit on {} before {} failed: {}", topic, before, e.toString());
    }
    uncommitted.clear();
  }

  /** Commits what this consumer settled before a rebalance hands its partitions to another. */
  private final class CommitBeforeRevoke implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      commitAndWait("a rebalance");
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      uncommitted.keySet().removeAll(partitions); // another consumer owns them already
    }
  }

  /** Works out health at most every {@code HEALTH_EVERY}: reading it costs a metrics lookup. */
  private void checkHealthIfDue() {
    long now = System.nanoTime();
    if (reported != null && now - lastHealthNanos < HEALTH_EVERY.toNanos()) {
      return;
    }
    lastHealthNanos = now;
    report(!storeFailing && !consumer.assignment().isEmpty() && brokersReachable(now));
    lag = currentLag();
  }

  /** Records behind the end of the assigned partitions, as the last fetches saw it; -1: unknown. */
  private long currentLag() {
    long sum = 0;
    boolean known = false;
    for (TopicPartition partition : consumer.assignment()) {
      OptionalLong behind = consumer.currentLag(partition);
      if (behind.isPresent()) {
        sum += behind.getAsLong();
        known = true;
      }
    }
    return known ? sum : -1;
  }

  /**
   * Whether the consumer has had a connection to a broker within {@code UNCONNECTED_BOUND}. A
   * consumer keeps its assignment while the brokers are gone (it learns it lost it only when it can
   * rejoin), so the assignment alone would say SERVING all through an outage. A consumer that is
   * assigned fetches all the time, so it always holds connections while the brokers answer.
   */
  private boolean brokersReachable(long now) {
    if (connections == null) {
      connections =
          consumer.metrics().entrySet().stream()
              .filter(
                  m ->
                      m.getKey().name().equals("connection-count")
                          && m.getKey().group().equals("consumer-metrics"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(null);
      if (connections == null) {
        return true; // a client without the metric: the assignment has to do
      }
    }
    if (connections.metricValue() instanceof Double count && count > 0) {
      lastConnectedNanos = now;
    }
    return now - lastConnectedNanos < UNCONNECTED_BOUND.toNanos();
  }

  private void report(boolean serving) {
    if (reported == null || reported != serving) {
      reported = serving;
      health.serving(serving);
    }
  }

  /** Counts one held-back poll per stall fault when stalled. */
  private boolean stalled() {
    return !faults.isEmpty() && faults.consumerStalled(topic.name());
  }

  /** One poll with every partition paused: no records, but the consumer stays in its group. */
  private void holdBackOnePoll() {
    if (consumer.paused().isEmpty()) {
      log.info("Consumer of {} stalled by an injected fault", topic);
    }
    consumer.pause(consumer.assignment()); // again each time: a rebalance may add partitions
    ConsumerRecords<String, byte[]> none = consumer.poll(STALLED_POLL);
    if (!none.isEmpty()) { // cannot happen with every partition paused; never skip a record
      Map<TopicPartition, Long> rewind = new HashMap<>();
      none.forEach(
          r -> rewind.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset()));
      rewind.forEach(consumer::seek);
    }
  }

  /** Sleeps an injected delay in short slices, so clearing the fault or closing cuts it short. */
  private void delayIfAsked() throws InterruptedException {
    if (faults.isEmpty()) {
      return;
    }
    long remaining = faults.consumerDelayMs(topic.name());
    while (remaining > 0 && running && faults.consumerDelayActive(topic.name())) {
      long slice = Math.min(SLEEP_SLICE_MS, remaining);
      Thread.sleep(slice);
      remaining -= slice;
    }
  }

  /**
   * Applies one record, retrying store failures, parking poison. Returns true once it is settled,
   * false if the consumer is closing before it could be.
   */
  private boolean process(ConsumerRecord<String, byte[]> record, long polledAtNanos)
      throws InterruptedException {
    Span span = spans.start(record, polledAtNanos);
    try (Scope scope = span.makeCurrent()) {
      boolean settled = processTraced(record, span);
      if (!settled) {
        spans.outcome(span, "not settled: closing");
      }
      return settled;
    } finally {
      span.end();
    }
  }

  private boolean processTraced(ConsumerRecord<String, byte[]> record, Span span)
      throws InterruptedException {
    String traceId = TraceContext.currentTraceId();
    Duration backoff = Duration.ofMillis(50);
    int storeFailures = 0;
    while (running) {
      try {
        V event = topic.parse(record.value());
        span.setAttribute(Spans.RETRY_ATTEMPT, storeFailures + 1L);
        handler.handle(event, traceId);
        spans.outcome(span, "applied");
        processed.incrementAndGet();
        storeFailing = false;
        return true;
      } catch (InvalidProtocolBufferException | PoisonEventException e) {
        spans.failed(span, e, "dead-lettered");
        deadLetter(record, e);
        return true;
      } catch (SQLException e) {
        span.addEvent("store failed, retrying");
        // One busy store is routine under load; three failures in a row (350 ms) is an outage.
        if (++storeFailures >= STORE_FAILURES_DOWN) {
          storeFailing = true;
          report(false);
        }
        log.warn(
            "Store failed on {} offset {}, retrying in {} ms: {}",
            topic,
            record.offset(),
            backoff.toMillis(),
            e.toString());
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } catch (Exception e) {
        log.error(
            "Handler failed on {} offset {}; treating the record as poison",
            topic,
            record.offset(),
            e);
        spans.failed(span, e, "dead-lettered");
        deadLetter(record, e);
        return true;
      }
    }
    return false;
  }

  private void deadLetter(ConsumerRecord<String, byte[]> record, Exception error)
      throws InterruptedException {
    ProducerRecord<String, byte[]> parked =
        new ProducerRecord<>(topic.deadLetterName(), record.key(), record.value());
    for (Header header : record.headers()) {
      parked.headers().add(header);
    }
    parked.headers().add(Topics.HEADER_DLT_ERROR, utf8(String.valueOf(error.getMessage())));
    parked.headers().add(Topics.HEADER_DLT_ERROR_CLASS, utf8(error.getClass().getName()));
    parked
        .headers()
        .add(
            Topics.HEADER_DLT_ORIGIN,
            utf8(record.topic() + "/" + record.partition() + "@" + record.offset()));
    try {
      deadLetters.send(parked).get();
    } catch (ExecutionException e) {
      throw new KafkaException("cannot write to " + topic.deadLetterName(), e.getCause());
    }
    deadLettered.incrementAndGet();
    // The record key is the order id: the parked line shows up in `lab logs --order`.
    try (var ctx = LogContext.open(record.key(), Style.STYLE_UNSPECIFIED)) {
      log.warn(
          "Parked {}/{}@{} on {}: {}",
          record.topic(),
          record.partition(),
          record.offset(),
          topic.deadLetterName(),
          error.getMessage());
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    consumer.wakeup();
    thread.join(10_000);
  }
}
