package dev.couplinglab.flow;

import dev.couplinglab.notification.NotificationConfig;
import dev.couplinglab.order.OrderConfig;
import dev.couplinglab.order.repair.RepairMode;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;

/** The configs the flow tests start services with: loopback, a free port, no admin API. */
final class FlowConfigs {

  private FlowConfigs() {}

  static NotificationConfig notification(Path dataDir, String bootstrapServers) {
    return new NotificationConfig(
        0,
        GrpcServer.LOOPBACK,
        dataDir,
        KafkaSettings.local(bootstrapServers, NotificationConfig.SERVICE),
        4,
        Duration.ofSeconds(1),
        AdminSettings.disabled());
  }

  /**
   * order-service calling inventory-service at {@code inventoryTarget} with {@code
   * inventoryDeadline} and notification-service with 2 s, {@code attempts} tries a call, repair
   * durable.
   */
  static OrderConfig order(
      Path dataDir,
      String bootstrapServers,
      String inventoryTarget,
      String notificationTarget,
      Duration inventoryDeadline,
      int attempts) {
    return new OrderConfig(
        0,
        GrpcServer.LOOPBACK,
        dataDir,
        KafkaSettings.local(bootstrapServers, OrderConfig.SERVICE_NAME),
        inventoryTarget,
        notificationTarget,
        inventoryDeadline,
        Duration.ofSeconds(2),
        attempts,
        8,
        OrderConfig.Entry.defaults(),
        Duration.ofSeconds(1),
        AdminSettings.disabled(),
        RepairMode.DURABLE);
  }
}
