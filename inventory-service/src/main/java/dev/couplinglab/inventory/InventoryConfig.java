package dev.couplinglab.inventory;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * inventory-service settings, read once from the environment.
 *
 * @param grpcPort {@code GRPC_PORT}, default 15052; 0 picks a free port (tests)
 * @param grpcBindAddress {@code GRPC_BIND_ADDRESS}, default {@code 127.0.0.1}: the API has no
 *     authentication, so it listens on this machine only unless asked; the service image sets
 *     {@code 0.0.0.0} (a container is reached through its network, its ports published on the
 *     host\'s loopback)
 * @param dataDir {@code DATA_DIR}, default {@code ./data}; the store is {@code inventory.db} in it
 * @param kafka {@code KAFKA_BOOTSTRAP_SERVERS} and the rest of {@link KafkaSettings#fromEnv}
 * @param grpcThreads {@code GRPC_THREADS}, default 16: the bound of the server's executor
 * @param shutdownGrace {@code SHUTDOWN_GRACE_MS}, default 5000: how long calls in flight may finish
 * @param admin {@code ADMIN_ENABLED} and {@code ADMIN_TOKEN}: the fault-injection API
 */
public record InventoryConfig(
    int grpcPort,
    String grpcBindAddress,
    Path dataDir,
    KafkaSettings kafka,
    int grpcThreads,
    Duration shutdownGrace,
    AdminSettings admin) {

  public static final String SERVICE = Service.INVENTORY.serviceName();
  public static final int DEFAULT_GRPC_PORT = 15052;

  public static InventoryConfig fromEnv(Env env) {
    return new InventoryConfig(
        env.port("GRPC_PORT", DEFAULT_GRPC_PORT),
        env.bindAddress("GRPC_BIND_ADDRESS", GrpcServer.LOOPBACK),
        env.path("DATA_DIR", Path.of("data")),
        KafkaSettings.fromEnv(env, SERVICE),
        env.integer("GRPC_THREADS", 16, 1, 1024),
        env.millis("SHUTDOWN_GRACE_MS", Duration.ofMillis(5000)),
        AdminSettings.fromEnv(env));
  }

  /**
   * Settings for an in-process test: a free port, {@code dataDir}, a local broker, no admin API
   * (see {@link #withAdmin}).
   */
  public static InventoryConfig forTest(Path dataDir, String bootstrapServers) {
    return new InventoryConfig(
        0,
        GrpcServer.LOOPBACK,
        dataDir,
        KafkaSettings.local(bootstrapServers, SERVICE),
        4,
        Duration.ofSeconds(1),
        AdminSettings.disabled());
  }

  public InventoryConfig withAdmin(AdminSettings settings) {
    return new InventoryConfig(
        grpcPort, grpcBindAddress, dataDir, kafka, grpcThreads, shutdownGrace, settings);
  }

  public Path databaseFile() {
    return dataDir.resolve("inventory.db");
  }
}
