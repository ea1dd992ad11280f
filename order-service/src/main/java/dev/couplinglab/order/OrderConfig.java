package dev.couplinglab.order;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.order.repair.RepairMode;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.runtime.ServiceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * order-service settings, from environment variables.
 *
 * @param settings those every service has ({@link ServiceSettings}); {@code GRPC_PORT} defaults to
 *     15051. {@code GRPC_THREADS} sizes the gRPC executor (async PlaceOrder, GetOrder, WatchOrder;
 *     sync chains too when the entry pool is shared)
 * @param inventoryTarget {@code INVENTORY_TARGET}, default {@code localhost:15052}
 * @param notificationTarget {@code NOTIFICATION_TARGET}, default {@code localhost:15053}
 * @param inventoryDeadline {@code INVENTORY_DEADLINE_MS}, default 2000
 * @param notificationDeadline {@code NOTIFICATION_DEADLINE_MS}, default 2000
 * @param downstreamMaxAttempts {@code DOWNSTREAM_MAX_ATTEMPTS}, default 2: attempts per sync call,
 *     retried only on UNAVAILABLE (every call is idempotent by order id); 1 turns retries off.
 *     These three are the start values of the resilience settings, which ResilienceService changes
 *     at run time.
 * @param entry where sync chains run: {@code SYNC_ENTRY_THREADS} (default 16) and {@code
 *     SYNC_ENTRY_QUEUE} (default 32) size their own pool; {@code ENTRY_POOL} {@code per-style}
 *     (default) or {@code shared} (sync chains on the gRPC executor, as with one pool). The last
 *     one is the start value of a resilience setting.
 * @param repair {@code REPAIR}, {@code none} or {@code durable} (default): the start value of the
 *     repair resilience setting
 */
public record OrderConfig(
    ServiceSettings settings,
    String inventoryTarget,
    String notificationTarget,
    Duration inventoryDeadline,
    Duration notificationDeadline,
    int downstreamMaxAttempts,
    Entry entry,
    RepairMode repair) {

  public static final String SERVICE_NAME = Service.ORDER.serviceName();
  public static final int DEFAULT_GRPC_PORT = 15051;

  /** Where {@code /metrics} is served unless {@code METRICS_PORT} says otherwise. */
  public static final int DEFAULT_METRICS_PORT = 9461;

  public static OrderConfig fromEnv(Env env) {
    return new OrderConfig(
        ServiceSettings.fromEnv(env, SERVICE_NAME, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT),
        env.string("INVENTORY_TARGET", "localhost:15052"),
        env.string("NOTIFICATION_TARGET", "localhost:15053"),
        env.millis("INVENTORY_DEADLINE_MS", Duration.ofSeconds(2)),
        env.millis("NOTIFICATION_DEADLINE_MS", Duration.ofSeconds(2)),
        env.integer("DOWNSTREAM_MAX_ATTEMPTS", 2, 1, 5),
        new Entry(
            env.integer("SYNC_ENTRY_THREADS", 16, 1, 1024),
            env.integer("SYNC_ENTRY_QUEUE", 32, 1, 100_000),
            env.choice("ENTRY_POOL", "per-style", List.of("per-style", "shared")).equals("shared")),
        env.choice("REPAIR", "durable", List.of("none", "durable")).equals("none")
            ? RepairMode.NONE
            : RepairMode.DURABLE);
  }

  /**
   * Settings for an in-process test: {@code settings} (see {@link ServiceSettings#forTest}), the
   * two downstream services at the targets given, 2 s deadlines, one attempt per call (no retry),
   * the default entry pools, durable repair. The {@code with} methods change one of them.
   */
  public static OrderConfig forTest(
      ServiceSettings settings, String inventoryTarget, String notificationTarget) {
    return new OrderConfig(
        settings,
        inventoryTarget,
        notificationTarget,
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        1,
        Entry.defaults(),
        RepairMode.DURABLE);
  }

  public OrderConfig withDeadlines(Duration inventory, Duration notification) {
    return new OrderConfig(
        settings,
        inventoryTarget,
        notificationTarget,
        inventory,
        notification,
        downstreamMaxAttempts,
        entry,
        repair);
  }

  public OrderConfig withDownstreamMaxAttempts(int attempts) {
    return new OrderConfig(
        settings,
        inventoryTarget,
        notificationTarget,
        inventoryDeadline,
        notificationDeadline,
        attempts,
        entry,
        repair);
  }

  public OrderConfig withEntry(Entry pools) {
    return new OrderConfig(
        settings,
        inventoryTarget,
        notificationTarget,
        inventoryDeadline,
        notificationDeadline,
        downstreamMaxAttempts,
        pools,
        repair);
  }

  public OrderConfig withRepair(RepairMode mode) {
    return new OrderConfig(
        settings,
        inventoryTarget,
        notificationTarget,
        inventoryDeadline,
        notificationDeadline,
        downstreamMaxAttempts,
        entry,
        mode);
  }

  /** Where sync chains run (see {@link dev.couplinglab.order.api.EntryPools}). */
  public record Entry(int syncThreads, int syncQueue, boolean shared) {
    public static Entry defaults() {
      return new Entry(16, 32, false);
    }
  }

  /** The store: {@code order.db} in the data dir. */
  public Path databaseFile() {
    return settings.dataDir().resolve("order.db");
  }
}
