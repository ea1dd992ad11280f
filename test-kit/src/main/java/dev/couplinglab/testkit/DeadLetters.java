package dev.couplinglab.testkit;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Waits for a record that a consumer parked on its dead-letter topic. The topic's name is the
 * caller's ({@code Topic.deadLetterName()} in contracts): the kit knows no topic.
 */
public final class DeadLetters {

  private DeadLetters() {}

  /**
   * Reads {@code deadLetterTopic} from its beginning until a record keyed {@code key} shows up,
   * within {@link TopicReader#DEFAULT_BOUND}; returns the first one.
   */
  public static ConsumerRecord<String, byte[]> awaitParked(
      String bootstrapServers, String deadLetterTopic, String key) {
    try (TopicReader reader = TopicReader.open(bootstrapServers, deadLetterTopic)) {
      return reader.awaitFirst(key);
    }
  }
}
