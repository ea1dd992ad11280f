package dev.couplinglab.testkit;

import static dev.couplinglab.testkit.RawProducer.header;
import static dev.couplinglab.testkit.RawProducer.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.kafka.LocalKafka;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kit against a real broker: raw records written, read back from the beginning. */
class TopicReaderIT {

  @TempDir static Path dir;
  private static LocalKafka kafka;
  private static RawProducer producer;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startOnFreePorts(dir);
    producer = RawProducer.open(kafka.bootstrapServers());
  }

  @AfterAll
  static void stopKafka() {
    producer.close();
    kafka.close();
  }

  @Test
  void readsATopicCreatedAfterTheReaderOpened() throws Exception {
    try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), "kit-late")) {
      assertThat(reader.seenNow("k")).as("records of a topic that does not exist yet").isEmpty();
      create("kit-late", 2);
      producer.send("kit-late", 1, "k", new byte[] {0x0A, 0x7F}, header("origin", "kit"));

      ConsumerRecord<String, byte[]> first = reader.awaitFirst("k");
      assertThat(first.value()).as("value bytes").containsExactly(0x0A, 0x7F);
      assertThat(TopicReader.header(first, "origin")).as("header").isEqualTo("kit");
      assertThat(TopicReader.header(first, "absent")).as("a header not sent").isNull();
      assertThat(first.partition()).as("partition").isEqualTo(1);
      assertThat(first.offset()).as("offset").isZero();
    }
  }

  @Test
  void readAllReturnsEveryRecordOnTheTopicNowAndAwaitCountWaitsForMore() throws Exception {
    create("kit-all", 3);
    for (String key : List.of("a", "b", "c", "a")) {
      producer.send("kit-all", null, key, utf8(key));
    }

    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "kit-all"))
        .as("keys of every record on the topic")
        .extracting(ConsumerRecord::key)
        .containsExactlyInAnyOrder("a", "b", "c", "a");
    assertThat(TopicReader.count(kafka.bootstrapServers(), "kit-all"))
        .as("records on the topic, by offsets")
        .isEqualTo(4);
    try (TopicReader reader = TopicReader.open(kafka.bootstrapServers(), "kit-all")) {
      reader.awaitCount(4);
      producer.send("kit-all", null, "d", utf8("d"));
      assertThat(reader.awaitCount(5)).as("records after one more").hasSize(5);
      assertThat(reader.awaitKey("a", records -> records.size() == 2))
          .as("records keyed a, in partition order")
          .extracting(ConsumerRecord::offset)
          .isSorted();
    }
  }

  @Test
  void awaitParkedReturnsTheFirstRecordOfTheKey() throws Exception {
    create("kit.dlt", 1);
    producer.send("kit.dlt", 0, "other", utf8("x"));
    producer.send("kit.dlt", 0, "parked", utf8("first"));
    producer.send("kit.dlt", 0, "parked", utf8("second"));

    ConsumerRecord<String, byte[]> parked =
        DeadLetters.awaitParked(kafka.bootstrapServers(), "kit.dlt", "parked");
    assertThat(parked.value()).as("value of the first parked record").isEqualTo(utf8("first"));
  }

  private static void create(String topic, int partitions) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
  }
}
