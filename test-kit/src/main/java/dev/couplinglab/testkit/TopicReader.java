package dev.couplinglab.testkit;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads one topic from its beginning for a test's assertions and keeps every record it has seen
 * (key, value bytes, headers, partition, offset), in the order it polled them: in partition order
 * for each partition. A plain consumer on every partition, no group: it commits nothing and moves
 * no one's offsets. A topic that does not exist yet is read from the poll that first finds it, so a
 * reader can be opened before the service that creates its topic (a dead-letter topic) starts.
 *
 * <p>Each wait is bounded ({@link #DEFAULT_BOUND} unless opened with another) and fails with an
 * Awaitility timeout that names the topic and what was awaited.
 */
public final class TopicReader implements AutoCloseable {

  /** How long a wait lasts unless the reader was opened with a bound of its own. */
  public static final Duration DEFAULT_BOUND = Duration.ofSeconds(60);

  private static final Duration POLL = Duration.ofMillis(200);

  private final String topic;
  private final Duration bound;
  private final KafkaConsumer<String, byte[]> consumer;
  private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
  private List<TopicPartition> partitions = List.of();

  private TopicReader(String bootstrapServers, String topic, Duration bound) {
    this.topic = topic;
    this.bound = bound;
    this.consumer =
        new KafkaConsumer<>(
            Map.<String, Object>of(
                "bootstrap.servers", bootstrapServers, "allow.auto.create.topics", false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /** A reader of {@code topic} whose waits last up to {@link #DEFAULT_BOUND}. */
  public static TopicReader open(String bootstrapServers, String topic) {
    return open(bootstrapServers, topic, DEFAULT_BOUND);
  }

  /** A reader of {@code topic} whose waits last up to {@code bound}. */
  public static TopicReader open(String bootstrapServers, String topic, Duration bound) {
    return new TopicReader(bootstrapServers, topic, bound);
  }

  /** Every record on {@code topic} now, from its beginning to its end when called. */
  public static List<ConsumerRecord<String, byte[]>> readAll(
      String bootstrapServers, String topic) {
    try (TopicReader reader = open(bootstrapServers, topic)) {
      return reader.readToEnd();
    }
  }

  /** How many records {@code topic} holds now, duplicates included: end minus start offsets. */
  public static long count(String bootstrapServers, String topic) {
    try (TopicReader reader = open(bootstrapServers, topic)) {
      reader.requireTopic();
      return sum(reader.consumer.endOffsets(reader.partitions))
          - sum(reader.consumer.beginningOffsets(reader.partitions));
    }
  }

  private static long sum(Map<TopicPartition, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The value of header {@code name} in UTF-8, the last one if repeated; null if absent. */
  public static String header(ConsumerRecord<?, ?> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  public String topic() {
    return topic;
  }

  /** Polls until the records seen so far satisfy {@code done}; returns every record seen. */
  public List<ConsumerRecord<String, byte[]>> awaitAll(
      Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    return awaitAll("records on " + topic + " that satisfy the test's condition", done);
  }

  /** Polls until at least {@code count} records were seen; returns every record seen. */
  public List<ConsumerRecord<String, byte[]>> awaitCount(int count) {
    return awaitAll(count + " records on " + topic, records -> records.size() >= count);
  }

  /** Polls until the records seen with {@code key} satisfy {@code done}; returns those records. */
  public List<ConsumerRecord<String, byte[]>> awaitKey(
      String key, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    awaitAll("records keyed " + key + " on " + topic, records -> done.test(withKey(key)));
    return withKey(key);
  }

  /** Polls until a record keyed {@code key} was seen; returns the first one. */
  public ConsumerRecord<String, byte[]> awaitFirst(String key) {
    awaitAll("a record keyed " + key + " on " + topic, records -> !withKey(key).isEmpty());
    return withKey(key).get(0);
  }

  /** Polls once more and returns what was seen with {@code key} so far. */
  public List<ConsumerRecord<String, byte[]>> seenNow(String key) {
    pollOnce();
    return withKey(key);
  }

  /** Every record seen so far, without polling. */
  public List<ConsumerRecord<String, byte[]>> seen() {
    return List.copyOf(seen);
  }

  /**
   * Polls until this reader has read every partition up to its end offset when called; returns
   * every record seen. The topic must exist.
   */
  public List<ConsumerRecord<String, byte[]>> readToEnd() {
    requireTopic();
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    awaitAll(
        "the end of " + topic + " at " + end,
        records -> partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p)));
    return seen();
  }

  private List<ConsumerRecord<String, byte[]>> awaitAll(
      String what, Predicate<List<ConsumerRecord<String, byte[]>>> done) {
    await(what)
        .atMost(bound)
        .pollInSameThread()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(
            () -> {
              pollOnce();
              return done.test(seen());
            });
    return seen();
  }

  private void pollOnce() {
    if (assigned()) {
      consumer.poll(POLL).forEach(seen::add);
    }
  }

  /** Assigns every partition from the beginning once the topic exists; says whether it does. */
  private boolean assigned() {
    if (partitions.isEmpty()) {
      List<PartitionInfo> found = consumer.partitionsFor(topic);
      if (found == null || found.isEmpty()) {
        return false;
      }
      partitions = found.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
    }
    return true;
  }

  private void requireTopic() {
    if (!assigned()) {
      throw new IllegalStateException("topic " + topic + " does not exist");
    }
  }

  private List<ConsumerRecord<String, byte[]>> withKey(String key) {
    return seen.stream().filter(r -> key.equals(r.key())).toList();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
