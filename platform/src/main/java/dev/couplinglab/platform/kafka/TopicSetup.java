package dev.couplinglab.platform.kafka;

import dev.couplinglab.contracts.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a service uses, with their dead-letter topics, if they do not exist yet. Every
 * service does this at start-up, so no start order is needed between them. It runs in the
 * background and retries until the brokers answer: a service starts (and serves its synchronous
 * API) while Kafka is down.
 */
public final class TopicSetup {

  private static final Logger log = LoggerFactory.getLogger(TopicSetup.class);
  private static final Duration RETRY = Duration.ofSeconds(2);

  private TopicSetup() {}

  /** Completes once every topic exists; never fails, only retries. */
  public static CompletableFuture<Void> ensureInBackground(
      KafkaSettings settings, List<Topic<?>> topics) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              while (!done.isDone()) {
                try {
                  ensure(settings, topics);
                  done.complete(null);
                } catch (InterruptedException e) {
                  done.cancel(false);
                } catch (RuntimeException | TimeoutException e) {
                  log.warn(
                      "Kafka topics not ready, retrying in {} s: {}",
                      RETRY.toSeconds(),
                      e.toString());
                  sleep();
                }
              }
            },
            "topic-setup");
    thread.setDaemon(true);
    thread.start();
    return done;
  }

  /** Creates what is missing; returns when every topic exists. */
  public static void ensure(KafkaSettings settings, List<Topic<?>> topics)
      throws InterruptedException, TimeoutException {
    List<NewTopic> wanted = new ArrayList<>();
    for (Topic<?> topic : topics) {
      wanted.add(newTopic(settings, topic.name()));
      wanted.add(newTopic(settings, topic.deadLetterName()));
    }
    try (Admin admin = KafkaClients.admin(settings)) {
      for (NewTopic topic : wanted) {
        try {
          admin.createTopics(List.of(topic)).all().get(20, TimeUnit.SECONDS);
          log.info("Created topic {}", topic.name());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException(
                "cannot create topic " + topic.name() + ": " + e.getCause(), e.getCause());
          }
        }
      }
    }
  }

  private static NewTopic newTopic(KafkaSettings settings, String name) {
    return new NewTopic(name, settings.partitions(), settings.replicationFactor())
        .configs(Map.of("min.insync.replicas", String.valueOf(settings.minInsyncReplicas())));
  }

  private static void sleep() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
