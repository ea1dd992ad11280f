package dev.couplinglab.lab.experiments;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.experiment.LagProbe;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples the services' consumer lag every 500 ms (or as asked) with a Kafka Admin client: for each
 * consumer group, the committed offsets against the latest ones, summed over groups and partitions.
 * A sample that fails (brokers down) is skipped; the peak of the others is reported.
 */
public final class KafkaLagProbe implements LagProbe, AutoCloseable {

  static final List<String> GROUPS = Service.ALL.stream().map(Service::consumerGroup).toList();

  private static final long EVERY_MS = 500;

  private static final long CALL_MS = 2000;

  private final String bootstrap;
  private final long everyMs;
  private volatile boolean running;
  private volatile long peak = -1;
  private volatile long latest = -1;
  private Thread sampler;

  public KafkaLagProbe(String bootstrap) {
    this(bootstrap, EVERY_MS);
  }

  /** Samples every {@code everyMs} (the console: once a second, as it draws). */
  public KafkaLagProbe(String bootstrap, long everyMs) {
    this.bootstrap = bootstrap;
    this.everyMs = everyMs;
  }

  @Override
  public synchronized void start() {
    if (sampler != null) {
      return;
    }
    running = true;
    sampler = new Thread(this::sample, "lag-probe");
    sampler.setDaemon(true);
    sampler.start();
  }

  @Override
  public Optional<Long> peakLag() {
    close();
    return peak < 0 ? Optional.empty() : Optional.of(peak);
  }

  /** The lag of the last sample, while sampling; empty when the last sample failed. */
  public Optional<Long> latestLag() {
    long lag = latest;
    return lag < 0 ? Optional.empty() : Optional.of(lag);
  }

  @Override
  public synchronized void close() {
    running = false;
    if (sampler != null) {
      sampler.interrupt();
      try {
        sampler.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void sample() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) CALL_MS);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) CALL_MS);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "lab-lag-probe");
    try (Admin admin = Admin.create(p)) {
      while (running) {
        long started = System.nanoTime();
        try {
          long lag = totalLag(admin);
          peak = Math.max(peak, lag);
          latest = lag;
        } catch (InterruptedException e) {
          return;
        } catch (Exception e) {
          // A sample that fails (a broker down, a group not there yet) is skipped.
          latest = -1;
        }
        long slept = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        try {
          Thread.sleep(Math.max(0, everyMs - slept));
        } catch (InterruptedException e) {
          return;
        }
      }
    } catch (RuntimeException e) {
      // Admin.create failed: no lag known.
    }
  }

  static long totalLag(Admin admin) throws Exception {
    Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
    Map<TopicPartition, OffsetSpec> wanted = new HashMap<>();
    for (String group : GROUPS) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets(group)
              .partitionsToOffsetAndMetadata()
              .get(CALL_MS, TimeUnit.MILLISECONDS);
      committed.put(group, offsets);
      offsets.keySet().forEach(tp -> wanted.put(tp, OffsetSpec.latest()));
    }
    if (wanted.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> latest =
        admin.listOffsets(wanted).all().get(CALL_MS, TimeUnit.MILLISECONDS);
    long total = 0;
    for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
      for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
        if (e.getValue() == null || !latest.containsKey(e.getKey())) {
          continue;
        }
        total += Math.max(0, latest.get(e.getKey()).offset() - e.getValue().offset());
      }
    }
    return total;
  }
}
