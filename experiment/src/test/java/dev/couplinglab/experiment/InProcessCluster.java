package dev.couplinglab.experiment;

import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.experiment.timeline.FaultHandle;
import dev.couplinglab.inventory.InventoryApp;
import dev.couplinglab.inventory.InventoryConfig;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.notification.NotificationApp;
import dev.couplinglab.notification.NotificationConfig;
import dev.couplinglab.order.OrderApp;
import dev.couplinglab.order.OrderConfig;
import dev.couplinglab.platform.config.Env;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * LocalKafka and the three services in this JVM over real TCP, configured through their env
 * variables (as flow-tests' OrderFlowIT starts them), plus a {@link FaultDriver} that can kill
 * inventory-service and start it again on the same port and data dir.
 */
final class InProcessCluster implements AutoCloseable {

  private final Path dir;
  private final String repair;
  private LocalKafka kafka;
  private volatile InventoryApp inventory;
  private volatile NotificationApp notification;
  private int notificationPort;
  private OrderApp order;
  private int inventoryPort;

  private final List<AutoCloseable> started = new ArrayList<>();

  /** With order-service's default repair ({@code durable}), as the shipped scenarios run. */
  InProcessCluster(Path dir) throws Exception {
    this(dir, "durable");
  }

  /**
   * @param repair order-service's {@code REPAIR}: {@code none} for the naive chain
   */
  InProcessCluster(Path dir, String repair) throws Exception {
    this.dir = dir;
    this.repair = repair;
    try {
      kafka = startedOne(LocalKafka.startOnFreePorts(dir.resolve("kafka")));
      inventory = InventoryApp.start(InventoryConfig.fromEnv(env("inventory", 0, Map.of())));
      started.add(() -> inventory.close());
      inventoryPort = inventory.grpcPort();
      notification =
          NotificationApp.start(NotificationConfig.fromEnv(env("notification", 0, Map.of())));
      started.add(() -> notification.close());
      notificationPort = notification.grpcPort();
      order = startedOne(startOrder());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private <T extends AutoCloseable> T startedOne(T part) {
    started.add(part);
    return part;
  }

  private OrderApp startOrder() throws Exception {
    return OrderApp.start(
        OrderConfig.fromEnv(
            env(
                "order",
                0,
                Map.of(
                    "INVENTORY_TARGET",
                    "localhost:" + inventoryPort,
                    "NOTIFICATION_TARGET",
                    "localhost:" + notification.grpcPort(),
                    "INVENTORY_DEADLINE_MS",
                    "2000",
                    "NOTIFICATION_DEADLINE_MS",
                    "2000",
                    "DOWNSTREAM_MAX_ATTEMPTS",
                    "1",
                    "REPAIR",
                    repair))),
        fatal -> {});
  }

  Addresses addresses() {
    return new Addresses(
        "localhost:" + order.grpcPort(),
        "localhost:" + inventoryPort,
        "localhost:" + notification.grpcPort());
  }

  /** Kills (closes) inventory-service; undo starts it again on the same port and data. */
  FaultDriver inventoryKiller() {
    return new FaultDriver() {
      @Override
      public FaultHandle apply(FaultStep step) {
        if (step.fault() != FaultKind.KILL || !step.part().equals("inventory-service")) {
          throw new UnsupportedOperationException(
              "only kill inventory-service: " + step.describe());
        }
        inventory.close();
        return FaultHandle.of("closed InventoryApp on port " + inventoryPort);
      }

      @Override
      public void undo(FaultHandle handle) throws Exception {
        inventory =
            InventoryApp.start(InventoryConfig.fromEnv(env("inventory", inventoryPort, Map.of())));
      }
    };
  }

  /** Kills notification-service (closes it) and starts it again on the same port and data. */
  FaultDriver notificationKiller() {
    return new FaultDriver() {
      @Override
      public FaultHandle apply(FaultStep step) {
        if (step.fault() != FaultKind.KILL || !step.part().equals("notification-service")) {
          throw new UnsupportedOperationException(
              "only kill notification-service: " + step.describe());
        }
        notification.close();
        return FaultHandle.of("closed NotificationApp on port " + notificationPort);
      }

      @Override
      public void undo(FaultHandle handle) throws Exception {
        notification =
            NotificationApp.start(
                NotificationConfig.fromEnv(env("notification", notificationPort, Map.of())));
      }
    };
  }

  private Env env(String service, int port, Map<String, String> extra) {
    Map<String, String> vars = new HashMap<>(extra);
    vars.put("GRPC_PORT", String.valueOf(port));
    vars.put("DATA_DIR", dir.resolve(service).toString());
    vars.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    vars.put("GRPC_THREADS", "16");
    vars.put("SHUTDOWN_GRACE_MS", "1000");
    vars.put("ADMIN_ENABLED", "false");
    return new Env(vars);
  }

  /** Stops what was started, the last first. */
  @Override
  public void close() throws Exception {
    for (int i = started.size() - 1; i >= 0; i--) {
      started.get(i).close();
    }
    started.clear();
  }
}
