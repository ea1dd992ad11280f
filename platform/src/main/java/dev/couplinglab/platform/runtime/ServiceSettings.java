package dev.couplinglab.platform.runtime;

import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The settings every service has, read once from the environment; each service's config holds these
 * and adds its own.
 *
 * @param grpcPort {@code GRPC_PORT}, the service's default port unless set; 0 picks a free port
 *     (tests)
 * @param grpcBindAddress {@code GRPC_BIND_ADDRESS}, default {@code 127.0.0.1}: the APIs have no
 *     authentication, so a service listens on this machine only unless asked; the service image
 *     sets {@code 0.0.0.0} (a container is reached through its network, its ports published on the
 *     host's loopback)
 * @param dataDir {@code DATA_DIR}, default {@code ./data}: where the service keeps its SQLite store
 * @param kafka {@code KAFKA_BOOTSTRAP_SERVERS} and the rest of {@link KafkaSettings#fromEnv}
 * @param grpcThreads {@code GRPC_THREADS}, default 16: the bound of the gRPC server's executor
 * @param shutdownGrace {@code SHUTDOWN_GRACE_MS}, default 5000: how long calls in flight may finish
 *     once shutdown has begun
 * @param admin {@code ADMIN_ENABLED} and {@code ADMIN_TOKEN}: the admin API (faults, resilience)
 * @param metricsPort {@code METRICS_PORT}, the service's default unless set; 0 picks a free port:
 *     where {@code /metrics} is served (Prometheus text), on the gRPC bind address
 * @param queueLimit {@code GRPC_QUEUE_LIMIT_MS}, default 1000; 0 switches it off: a business call
 *     that waited longer for a thread is refused RESOURCE_EXHAUSTED ({@code QueueShedding})
 */
public record ServiceSettings(
    int grpcPort,
    String grpcBindAddress,
    Path dataDir,
    KafkaSettings kafka,
    int grpcThreads,
    Duration shutdownGrace,
    AdminSettings admin,
    int metricsPort,
    Duration queueLimit) {

  /** How long a call may wait for a thread unless {@code GRPC_QUEUE_LIMIT_MS} says otherwise. */
  public static final Duration DEFAULT_QUEUE_LIMIT = Duration.ofSeconds(1);

  /**
   * @param service the service's name: its Kafka client ids start with it
   * @param defaultGrpcPort the port it listens on when {@code GRPC_PORT} is unset
   * @param defaultMetricsPort the port of {@code /metrics} when {@code METRICS_PORT} is unset
   */
  public static ServiceSettings fromEnv(
      Env env, String service, int defaultGrpcPort, int defaultMetricsPort) {
    return new ServiceSettings(
        env.port("GRPC_PORT", defaultGrpcPort),
        env.bindAddress("GRPC_BIND_ADDRESS", GrpcServer.LOOPBACK),
        env.path("DATA_DIR", Path.of("./data")),
        KafkaSettings.fromEnv(env, service),
        env.integer("GRPC_THREADS", 16, 1, 1024),
        env.millis("SHUTDOWN_GRACE_MS", Duration.ofSeconds(5)),
        AdminSettings.fromEnv(env),
        env.port("METRICS_PORT", defaultMetricsPort),
        Duration.ofMillis(
            env.integer(
                "GRPC_QUEUE_LIMIT_MS", (int) DEFAULT_QUEUE_LIMIT.toMillis(), 0, 3_600_000)));
  }

  /**
   * For an in-process test: a free port on loopback, its store in {@code dataDir}, the broker at
   * {@code bootstrapServers}, 4 gRPC threads, a 1 s grace, no admin API, metrics on a free port,
   * the default queue limit (see the {@code with} methods).
   */
  public static ServiceSettings forTest(String service, Path dataDir, String bootstrapServers) {
    return new ServiceSettings(
        0,
        GrpcServer.LOOPBACK,
        dataDir,
        KafkaSettings.local(bootstrapServers, service),
        4,
        Duration.ofSeconds(1),
        AdminSettings.disabled(),
        0,
        DEFAULT_QUEUE_LIMIT);
  }

  public ServiceSettings withGrpcPort(int port) {
    return new ServiceSettings(
        port,
        grpcBindAddress,
        dataDir,
        kafka,
        grpcThreads,
        shutdownGrace,
        admin,
        metricsPort,
        queueLimit);
  }

  public ServiceSettings withGrpcThreads(int threads) {
    return new ServiceSettings(
        grpcPort,
        grpcBindAddress,
        dataDir,
        kafka,
        threads,
        shutdownGrace,
        admin,
        metricsPort,
        queueLimit);
  }

  public ServiceSettings withShutdownGrace(Duration grace) {
    return new ServiceSettings(
        grpcPort,
        grpcBindAddress,
        dataDir,
        kafka,
        grpcThreads,
        grace,
        admin,
        metricsPort,
        queueLimit);
  }

  public ServiceSettings withAdmin(AdminSettings settings) {
    return new ServiceSettings(
        grpcPort,
        grpcBindAddress,
        dataDir,
        kafka,
        grpcThreads,
        shutdownGrace,
        settings,
        metricsPort,
        queueLimit);
  }

  public ServiceSettings withQueueLimit(Duration limit) {
    return new ServiceSettings(
        grpcPort,
        grpcBindAddress,
        dataDir,
        kafka,
        grpcThreads,
        shutdownGrace,
        admin,
        metricsPort,
        limit);
  }
}
