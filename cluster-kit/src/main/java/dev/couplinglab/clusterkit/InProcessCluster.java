package dev.couplinglab.clusterkit;

import dev.couplinglab.inventory.InventoryApp;
import dev.couplinglab.inventory.InventoryConfig;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.notification.NotificationApp;
import dev.couplinglab.notification.NotificationConfig;
import dev.couplinglab.order.OrderApp;
import dev.couplinglab.order.OrderConfig;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.runtime.ServiceSettings;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * A local broker and the three services in this JVM, over real gRPC on TCP, each from its {@code
 * forTest} config (free ports, its store in {@code dir/<service>}, the broker's data in {@code
 * dir/kafka}) as a test tunes it, with one plaintext channel to each. inventory-service and
 * notification-service can be stopped and started again on the same port, store and consumer group,
 * as a restart of their process would. {@link #close()} closes the channels, then order,
 * notification, inventory and the broker; a failed start closes what had started.
 */
public final class InProcessCluster implements AutoCloseable {

  private final LocalKafka kafka;
  private InventoryConfig inventoryConfig;
  private volatile InventoryApp inventory;
  private NotificationConfig notificationConfig;
  private volatile NotificationApp notification;
  private OrderApp order;
  private ManagedChannel orderChannel;
  private ManagedChannel inventoryChannel;
  private ManagedChannel notificationChannel;

  private InProcessCluster(Builder b) throws Exception {
    kafka = LocalKafka.startOnFreePorts(b.dir.resolve("kafka"));
    try {
      inventoryConfig =
          new InventoryConfig(b.inventory.apply(settings(b, InventoryConfig.SERVICE, "inventory")));
      inventory = InventoryApp.start(inventoryConfig);
      // Fixed from now on: a restarted instance listens where order-service calls.
      inventoryConfig =
          new InventoryConfig(inventoryConfig.settings().withGrpcPort(inventory.grpcPort()));
      notificationConfig =
          new NotificationConfig(
              b.notification.apply(settings(b, NotificationConfig.SERVICE, "notification")));
      notification = NotificationApp.start(notificationConfig);
      notificationConfig =
          new NotificationConfig(
              notificationConfig.settings().withGrpcPort(notification.grpcPort()));
      OrderConfig orderConfig =
          OrderConfig.forTest(
              b.orderSettings.apply(settings(b, OrderConfig.SERVICE_NAME, "order")),
              inventoryTarget(),
              notificationTarget());
      order = OrderApp.start(b.order.apply(orderConfig), fatal -> {});
      orderChannel = Channels.plaintext(orderTarget());
      inventoryChannel = Channels.plaintext(inventoryTarget());
      notificationChannel = Channels.plaintext(notificationTarget());
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  private ServiceSettings settings(Builder b, String service, String dirName) {
    return ServiceSettings.forTest(service, b.dir.resolve(dirName), bootstrapServers());
  }

  /** A cluster whose data lives under {@code dir}; tune it, then {@link Builder#start()}. */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** The {@code forTest} configs of each service, as a test changes them before the start. */
  public static final class Builder {
    private final Path dir;
    private UnaryOperator<ServiceSettings> inventory = UnaryOperator.identity();
    private UnaryOperator<ServiceSettings> notification = UnaryOperator.identity();
    private UnaryOperator<ServiceSettings> orderSettings = UnaryOperator.identity();
    private UnaryOperator<OrderConfig> order = UnaryOperator.identity();

    private Builder(Path dir) {
      this.dir = dir;
    }

    public Builder inventory(UnaryOperator<ServiceSettings> tune) {
      this.inventory = tune;
      return this;
    }

    public Builder notification(UnaryOperator<ServiceSettings> tune) {
      this.notification = tune;
      return this;
    }

    /** Changes order-service's common settings (threads, grace); {@link #order} the rest. */
    public Builder orderSettings(UnaryOperator<ServiceSettings> tune) {
      this.orderSettings = tune;
      return this;
    }

    /** Changes order-service's own settings (deadlines, attempts, repair). */
    public Builder order(UnaryOperator<OrderConfig> tune) {
      this.order = tune;
      return this;
    }

    /** Starts the broker, inventory, notification and order, in that order. */
    public InProcessCluster start() throws Exception {
      return new InProcessCluster(this);
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public OrderApp order() {
    return order;
  }

  /** The running instance (or the closed one, while stopped). */
  public InventoryApp inventory() {
    return inventory;
  }

  /** Its config, with the port it listens on: the next instance's too. */
  public InventoryConfig inventoryConfig() {
    return inventoryConfig;
  }

  public NotificationApp notification() {
    return notification;
  }

  public String orderTarget() {
    return "localhost:" + order.grpcPort();
  }

  public String inventoryTarget() {
    return "localhost:" + inventoryConfig.settings().grpcPort();
  }

  public String notificationTarget() {
    return "localhost:" + notificationConfig.settings().grpcPort();
  }

  public ManagedChannel orderChannel() {
    return orderChannel;
  }

  public ManagedChannel inventoryChannel() {
    return inventoryChannel;
  }

  public ManagedChannel notificationChannel() {
    return notificationChannel;
  }

  /** Closes inventory-service as its shutdown hook would. */
  public void stopInventory() {
    inventory.close();
  }

  /** Starts inventory-service again on the same port, store and consumer group. */
  public void startInventory() throws Exception {
    inventory = InventoryApp.start(inventoryConfig);
  }

  /** Closes notification-service as its shutdown hook would. */
  public void stopNotification() {
    notification.close();
  }

  /** Starts notification-service again on the same port, store and consumer group. */
  public void startNotification() throws Exception {
    notification = NotificationApp.start(notificationConfig);
  }

  @Override
  public void close() {
    for (ManagedChannel channel :
        new ManagedChannel[] {orderChannel, inventoryChannel, notificationChannel}) {
      if (channel != null) {
        channel.shutdownNow();
      }
    }
    if (order != null) {
      order.close();
    }
    if (notification != null) {
      notification.close();
    }
    if (inventory != null) {
      inventory.close();
    }
    kafka.close();
  }
}
