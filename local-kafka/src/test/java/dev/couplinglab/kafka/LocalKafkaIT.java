package dev.couplinglab.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaIT {

  @TempDir Path dir;

  @Test
  void keepsRecordsAcrossARestart() throws Exception {
    int port = LocalKafka.freePort();
    int controllerPort = LocalKafka.freePort();
    try (LocalKafka kafka = LocalKafka.start(dir, port, controllerPort)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("t", 1, (short) 1))).all().get();
      }
      try (var producer =
          new KafkaProducer<>(
              Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(), "acks", "all"),
              new StringSerializer(),
              new StringSerializer())) {
        producer.send(new ProducerRecord<>("t", "k", "before restart")).get();
      }
    }

    try (LocalKafka kafka = LocalKafka.start(dir, port, controllerPort);
        var consumer =
            new KafkaConsumer<>(
                Map.<String, Object>of(
                    "bootstrap.servers", kafka.bootstrapServers(),
                    "group.id", "g",
                    "auto.offset.reset", "earliest"),
                new StringDeserializer(),
                new StringDeserializer())) {
      consumer.subscribe(List.of("t"));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      for (int i = 0; i < 40 && records.isEmpty(); i++) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records.iterator().next().value())
          .as("the record written before the restart")
          .isEqualTo("before restart");
    }
  }
}
