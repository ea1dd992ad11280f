package dev.couplinglab.order;

import dev.couplinglab.order.repair.RepairMode;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.config.ConfigException;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * order-service settings, from environment variables.
 *
 * @param grpcPort {@code GRPC_PORT}, default 50051 (0 picks a free port)
 * @param dataDir {@code DATA_DIR}, default {@code ./data}; the database is {@code order.db}
 * @param inventoryTarget {@code INVENTORY_TARGET}, default {@code localhost:50052}
 * @param notificationTarget {@code NOTIFICATION_TARGET}, default {@code localhost:50053}
 * @param inventoryDeadline {@code INVENTORY_DEADLINE_MS}, default 2000
 * @param notificationDeadline {@code NOTIFICATION_DEADLINE_MS}, default 2000
 * @param downstreamMaxAttempts {@code DOWNSTREAM_MAX_ATTEMPTS}, default 2: attempts per sync call,
 *     retried only on UNAVAILABLE (every call is idempotent by order id); 1 turns retries off.
 *     These three are the start values of the resilience settings, which ResilienceService changes
 *     at run time.
 * @param admin {@code ADMIN_ENABLED} and {@code ADMIN_TOKEN}: the fault-injection and resilience
 *     API
 * @param repair {@code REPAIR}, {@code none} or {@code durable} (default): the start value of the
 *     repair resilience setting
 */
public record OrderConfig(
    int grpcPort,
    Path dataDir,
    KafkaSettings kafka,
    String inventoryTarget,
    String notificationTarget,
    Duration inventoryDeadline,
    Duration notificationDeadline,
    int downstreamMaxAttempts,
    int grpcThreads,
    Duration shutdownGrace,
    AdminSettings admin,
    RepairMode repair) {

  public static final String SERVICE_NAME = "order-service";

  /** With the default repair mode, durable. */
  public OrderConfig(
      int grpcPort,
      Path dataDir,
      KafkaSettings kafka,
      String inventoryTarget,
      String notificationTarget,
      Duration inventoryDeadline,
      Duration notificationDeadline,
      int downstreamMaxAttempts,
      int grpcThreads,
      Duration shutdownGrace,
      AdminSettings admin) {
    this(
        grpcPort,
        dataDir,
        kafka,
        inventoryTarget,
        notificationTarget,
        inventoryDeadline,
        notificationDeadline,
        downstreamMaxAttempts,
        grpcThreads,
        shutdownGrace,
        admin,
        RepairMode.DURABLE);
  }

  public static OrderConfig fromEnv(Env env) {
    return new OrderConfig(
        env.port("GRPC_PORT", 50051),
        env.path("DATA_DIR", Path.of("data")),
        KafkaSettings.fromEnv(env, SERVICE_NAME),
        env.string("INVENTORY_TARGET", "localhost:50052"),
        env.string("NOTIFICATION_TARGET", "localhost:50053"),
        env.millis("INVENTORY_DEADLINE_MS", Duration.ofSeconds(2)),
        env.millis("NOTIFICATION_DEADLINE_MS", Duration.ofSeconds(2)),
        env.integer("DOWNSTREAM_MAX_ATTEMPTS", 2, 1, 5),
        env.integer("GRPC_THREADS", 16, 1, 1024),
        env.millis("SHUTDOWN_GRACE_MS", Duration.ofSeconds(5)),
        AdminSettings.fromEnv(env),
        repair(env.string("REPAIR", "durable")));
  }

  private static RepairMode repair(String value) {
    for (RepairMode mode : RepairMode.values()) {
      if (mode.text().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) {
        return mode;
      }
    }
    throw new ConfigException("REPAIR must be none or durable, was '" + value + "'");
  }

  public Path databaseFile() {
    return dataDir.resolve("order.db");
  }
}
