package dev.couplinglab.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka floor: one record at a time from a producer (acks=all, idempotent, linger.ms=0) to a
 * consumer polling the same one-partition topic on the system's broker, event-sized records, both
 * clients in this JVM. Round trip = send until the consumer hands the record over.
 */
final class KafkaFloor {

  private static final String TOPIC = "bench-floor";
  private static final Duration RECORD_BOUND = Duration.ofSeconds(30);

  private KafkaFloor() {}

  static Latency measure(String bootstrap, int warmUp, int measured) throws Exception {
    createTopic(bootstrap);
    BlockingQueue<Long> received = new LinkedBlockingQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch positioned = new CountDownLatch(1);
    Thread consumer =
        new Thread(() -> consume(bootstrap, received, running, positioned), "floor-consumer");
    consumer.setDaemon(true);
    consumer.start();
    try (KafkaProducer<String, byte[]> producer = producer(bootstrap)) {
      if (!positioned.await(RECORD_BOUND.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("floor consumer not positioned on " + TOPIC);
      }
      byte[] value = Payloads.event();
      for (long i = 0; i < warmUp; i++) {
        roundTrip(producer, value, i, received);
      }
      Histogram histogram = Latency.histogram();
      for (long i = warmUp; i < warmUp + measured; i++) {
        long start = System.nanoTime();
        roundTrip(producer, value, i, received);
        Latency.record(histogram, System.nanoTime() - start);
      }
      return Latency.of(histogram);
    } finally {
      running.set(false);
      consumer.join(RECORD_BOUND.toMillis());
    }
  }

  private static void roundTrip(
      KafkaProducer<String, byte[]> producer, byte[] value, long sequence, BlockingQueue<Long> in)
      throws InterruptedException, TimeoutException {
    producer.send(new ProducerRecord<>(TOPIC, 0, Long.toString(sequence), value));
    while (true) {
      Long got = in.poll(RECORD_BOUND.toMillis(), TimeUnit.MILLISECONDS);
      if (got == null) {
        throw new TimeoutException("record " + sequence + " not consumed within " + RECORD_BOUND);
      }
      if (got == sequence) {
        return;
      }
    }
  }

  private static void consume(
      String bootstrap,
      BlockingQueue<Long> received,
      AtomicBoolean running,
      CountDownLatch positioned) {
    TopicPartition partition = new TopicPartition(TOPIC, 0);
    try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrap)) {
      consumer.assign(List.of(partition));
      consumer.seekToEnd(List.of(partition));
      consumer.position(partition);
      positioned.countDown();
      while (running.get()) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          received.add(Long.parseLong(r.key()));
        }
      }
    }
  }

  private static void createTopic(String bootstrap)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin
          .createTopics(Set.of(new NewTopic(TOPIC, 1, (short) 1)))
          .all()
          .get(RECORD_BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private static KafkaProducer<String, byte[]> producer(String bootstrap) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ProducerConfig.CLIENT_ID_CONFIG,
            "bench-floor-producer",
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.LINGER_MS_CONFIG,
            0),
        new StringSerializer(),
        new ByteArraySerializer());
  }

  private static KafkaConsumer<String, byte[]> consumer(String bootstrap) {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrap,
            ConsumerConfig.CLIENT_ID_CONFIG,
            "bench-floor-consumer",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
