package dev.couplinglab.order;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.order.repair.RepairMode;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * order-service settings, from environment variables.
 *
 * @param grpcPort {@code GRPC_PORT}, default 15051 (0 picks a free port)
 * @param grpcBindAddress {@code GRPC_BIND_ADDRESS}, default {@code 127.0.0.1}: the API has no
 *     authentication, so it listens on this machine only unless asked; the service image sets
 *     {@code 0.0.0.0} (a container is reached through its network, its ports published on the
 *     host\'s loopback)
 * @param dataDir {@code DATA_DIR}, default {@code ./data}; the database is {@code order.db}
 * @param inventoryTarget {@code INVENTORY_TARGET}, default {@code localhost:15052}
 * @param notificationTarget {@code NOTIFICATION_TARGET}, default {@code localhost:15053}
 * @param inventoryDeadline {@code INVENTORY_DEADLINE_MS}, default 2000
 * @param notificationDeadline {@code NOTIFICATION_DEADLINE_MS}, default 2000
 * @param downstreamMaxAttempts {@code DOWNSTREAM_MAX_ATTEMPTS}, default 2: attempts per sync call,
 *     retried only on UNAVAILABLE (every call is idempotent by order id); 1 turns retries off.
 *     These three are the start values of the resilience settings, which ResilienceService changes
 *     at run time.
 * @param grpcThreads {@code GRPC_THREADS}, default 16: the gRPC executor (async PlaceOrder,
 *     GetOrder, WatchOrder; sync chains too when the entry pool is shared)
 * @param entry where sync chains run: {@code SYNC_ENTRY_THREADS} (default 16) and {@code
 *     SYNC_ENTRY_QUEUE} (default 32) size their own pool; {@code ENTRY_POOL} {@code per-style}
 *     (default) or {@code shared} (sync chains on the gRPC executor, as with one pool). The last
 *     one is the start value of a resilience setting.
 * @param admin {@code ADMIN_ENABLED} and {@code ADMIN_TOKEN}: the fault-injection and resilience
 *     API
 * @param repair {@code REPAIR}, {@code none} or {@code durable} (default): the start value of the
 *     repair resilience setting
 */
public record OrderConfig(
    int grpcPort,
    String grpcBindAddress,
    Path dataDir,
    KafkaSettings kafka,
    String inventoryTarget,
    String notificationTarget,
    Duration inventoryDeadline,
    Duration notificationDeadline,
    int downstreamMaxAttempts,
    int grpcThreads,
    Entry entry,
    Duration shutdownGrace,
    AdminSettings admin,
    RepairMode repair) {

  public static final String SERVICE_NAME = Service.ORDER.serviceName();

  public static OrderConfig fromEnv(Env env) {
    return new OrderConfig(
        env.port("GRPC_PORT", 15051),
        env.bindAddress("GRPC_BIND_ADDRESS", GrpcServer.LOOPBACK),
        env.path("DATA_DIR", Path.of("data")),
        KafkaSettings.fromEnv(env, SERVICE_NAME),
        env.string("INVENTORY_TARGET", "localhost:15052"),
        env.string("NOTIFICATION_TARGET", "localhost:15053"),
        env.millis("INVENTORY_DEADLINE_MS", Duration.ofSeconds(2)),
        env.millis("NOTIFICATION_DEADLINE_MS", Duration.ofSeconds(2)),
        env.integer("DOWNSTREAM_MAX_ATTEMPTS", 2, 1, 5),
        env.integer("GRPC_THREADS", 16, 1, 1024),
        new Entry(
            env.integer("SYNC_ENTRY_THREADS", 16, 1, 1024),
            env.integer("SYNC_ENTRY_QUEUE", 32, 1, 100_000),
            env.choice("ENTRY_POOL", "per-style", java.util.List.of("per-style", "shared"))
                .equals("shared")),
        env.millis("SHUTDOWN_GRACE_MS", Duration.ofSeconds(5)),
        AdminSettings.fromEnv(env),
        env.choice("REPAIR", "durable", java.util.List.of("none", "durable")).equals("none")
            ? RepairMode.NONE
            : RepairMode.DURABLE);
  }

  /** Where sync chains run (see {@link dev.couplinglab.order.api.EntryPools}). */
  public record Entry(int syncThreads, int syncQueue, boolean shared) {
    public static Entry defaults() {
      return new Entry(16, 32, false);
    }
  }

  public Path databaseFile() {
    return dataDir.resolve("order.db");
  }
}
