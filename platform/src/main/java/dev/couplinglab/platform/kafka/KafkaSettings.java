package dev.couplinglab.platform.kafka;

import dev.couplinglab.platform.config.Env;

/**
 * How a service reaches Kafka and how the topics it needs are created.
 *
 * @param bootstrapServers {@code KAFKA_BOOTSTRAP_SERVERS}, default {@code localhost:9092}
 * @param clientIdPrefix the service name; producers and consumers get explicit client ids from it
 * @param partitions {@code KAFKA_TOPIC_PARTITIONS}, default 3
 * @param replicationFactor {@code KAFKA_TOPIC_REPLICATION}, default 1 (3 in compose)
 * @param minInsyncReplicas {@code KAFKA_TOPIC_MIN_ISR}, default 1 (2 in compose)
 */
public record KafkaSettings(
    String bootstrapServers,
    String clientIdPrefix,
    int partitions,
    short replicationFactor,
    int minInsyncReplicas) {

  public static KafkaSettings fromEnv(Env env, String serviceName) {
    return new KafkaSettings(
        env.string("KAFKA_BOOTSTRAP_SERVERS", "localhost:9092"),
        serviceName,
        env.integer("KAFKA_TOPIC_PARTITIONS", 3, 1, 1000),
        (short) env.integer("KAFKA_TOPIC_REPLICATION", 1, 1, 10),
        env.integer("KAFKA_TOPIC_MIN_ISR", 1, 1, 10));
  }

  public static KafkaSettings local(String bootstrapServers, String serviceName) {
    return new KafkaSettings(bootstrapServers, serviceName, 3, (short) 1, 1);
  }
}
