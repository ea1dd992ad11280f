package dev.couplinglab.notification;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * notification-service settings, read once from the environment.
 *
 * @param grpcPort {@code GRPC_PORT}, default 15053 (0: any free port, for tests)
 * @param grpcBindAddress {@code GRPC_BIND_ADDRESS}, default {@code 127.0.0.1}: the API has no
 *     authentication, so it listens on this machine only unless asked; the service image sets
 *     {@code 0.0.0.0} (a container is reached through its network, its ports published on the
 *     host\'s loopback)
 * @param dataDir {@code DATA_DIR}, default {@code ./data}; the store is {@code notification.db}
 * @param kafka {@code KAFKA_BOOTSTRAP_SERVERS} and the rest of {@link KafkaSettings#fromEnv}
 * @param grpcThreads {@code GRPC_THREADS}, default 16
 * @param shutdownGrace {@code SHUTDOWN_GRACE_MS}, default 5000: how long calls in flight may finish
 * @param admin {@code ADMIN_ENABLED} and {@code ADMIN_TOKEN}: the fault-injection API
 */
public record NotificationConfig(
    int grpcPort,
    String grpcBindAddress,
    Path dataDir,
    KafkaSettings kafka,
    int grpcThreads,
    Duration shutdownGrace,
    AdminSettings admin) {

  public static final String SERVICE = Service.NOTIFICATION.serviceName();
  public static final int DEFAULT_GRPC_PORT = 15053;

  /** Kafka consumer group of the OrderOutcome consumer. */
  public static final String CONSUMER_GROUP = Service.NOTIFICATION.consumerGroup();

  public static NotificationConfig fromEnv(Env env) {
    return new NotificationConfig(
        env.port("GRPC_PORT", DEFAULT_GRPC_PORT),
        env.bindAddress("GRPC_BIND_ADDRESS", GrpcServer.LOOPBACK),
        env.path("DATA_DIR", Path.of("./data")),
        KafkaSettings.fromEnv(env, SERVICE),
        env.integer("GRPC_THREADS", 16, 1, 1024),
        env.millis("SHUTDOWN_GRACE_MS", Duration.ofMillis(5000)),
        AdminSettings.fromEnv(env));
  }

  public Path databaseFile() {
    return dataDir.resolve("notification.db");
  }
}
