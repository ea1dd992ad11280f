package dev.couplinglab.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc.OrderServiceBlockingStub;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.experiment.Addresses;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.ExperimentRunner;
import dev.couplinglab.experiment.LagProbe;
import dev.couplinglab.experiment.Progress;
import dev.couplinglab.experiment.ResilienceApplier;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.experiment.timeline.FaultHandle;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * The cluster as docker compose runs it, broken the way a user breaks it: inventory-service killed
 * under load, one of three brokers stopped. Outcomes are checked in the services' stores.
 */
@Tag("containers")
@ExtendWith(ContainerLogs.class)
class ClusterInContainersIT {

  private static final Logger log = LoggerFactory.getLogger(ClusterInContainersIT.class);
  private static final Duration RECOVERY = Duration.ofSeconds(90);
  private static ContainerCluster cluster;
  private static ManagedChannel orderChannel;
  private static ManagedChannel notificationChannel;
  private static OrderServiceBlockingStub orders;
  private static final DockerClient docker = DockerClientFactory.instance().client();

  @TempDir Path copies;

  @BeforeAll
  static void startCluster() {
    cluster = new ContainerCluster().start();
    orderChannel = channel(ContainerCluster.target(cluster.order, "order-service"));
    notificationChannel =
        channel(ContainerCluster.target(cluster.notification, "notification-service"));
    orders = OrderServiceGrpc.newBlockingStub(orderChannel);
    // The async path is ready once the services have created their topics on the brokers.
    await()
        .atMost(RECOVERY)
        .ignoreExceptions()
        .until(
            () ->
                finalState(place(Style.ASYNC, "SKU-COFFEE").getOrderId()) == OrderState.CONFIRMED);
  }

  @AfterAll
  static void stopCluster() {
    if (orderChannel != null) {
      orderChannel.shutdownNow();
      notificationChannel.shutdownNow();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void bothStylesConfirmAnOrderInContainers() {
    Order sync = place(Style.SYNC, "SKU-BREAD");
    Order async = place(Style.ASYNC, "SKU-BREAD");

    assertThat(sync.getState()).isEqualTo(OrderState.CONFIRMED);
    assertThat(async.getState()).isEqualTo(OrderState.PENDING);
    assertThat(finalState(async.getOrderId())).isEqualTo(OrderState.CONFIRMED);
    await()
        .atMost(RECOVERY)
        .untilAsserted(
            () -> assertThat(notificationsOf(async.getOrderId())).as("notified once").isEqualTo(1));
    assertThat(notificationsOf(sync.getOrderId())).as("notified once").isEqualTo(1);
  }

  @Test
  void killingInventoryUnderLoadFailsSyncWhileAsyncAcceptsAndLaterCompletes() throws Exception {
    String inventoryId = cluster.inventory.getContainerId();
    try (OrderLoad load = new OrderLoad(orderChannel, "SKU-APPLE").start(100)) {
      await().atMost(RECOVERY).until(() -> load.sync.confirmed.size() >= 10);

      docker.killContainerCmd(inventoryId).exec();
      int acceptedBefore = load.async.accepted.size();
      await()
          .atMost(RECOVERY)
          .until(
              () ->
                  load.sync.errorCount() >= 10
                      && load.async.accepted.size() >= acceptedBefore + 10);

      docker.startContainerCmd(inventoryId).exec();
      int confirmedBefore = load.sync.confirmed.size();
      await().atMost(RECOVERY).until(() -> load.sync.confirmed.size() >= confirmedBefore + 10);
      load.close();
      log.info("Inventory killed under load. sync: {}; async: {}", load.sync, load.async);

      assertThat(load.sync.errors.keySet())
          .as("sync errors during the outage: %s", load.sync)
          .isNotEmpty()
          .allMatch(
              code -> code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED);
      assertThat(load.async.errorCount()).as("async accepted throughout: %s", load.async).isZero();
      for (String id : load.async.accepted) {
        await().atMost(RECOVERY).until(() -> stateOf(id) == OrderState.CONFIRMED);
      }

      Map<String, String> reservations = reservationsIn(inventoryStoreCopy(), "load-");
      assertThat(load.async.accepted)
          .as("every accepted async order has its reservation in inventory's store")
          .allMatch(id -> "RESERVED".equals(reservations.get(id)));
      assertThat(load.sync.confirmed)
          .as("every confirmed sync order has its reservation in inventory's store")
          .allMatch(id -> "RESERVED".equals(reservations.get(id)));
      assertStockAddsUp("SKU-APPLE");
    }
  }

  @Test
  void stoppingOneOfThreeBrokersKeepsTheAsyncPathWorking() {
    GenericContainer<?> broker = cluster.brokers.get(1);
    docker.stopContainerCmd(broker.getContainerId()).exec();
    try {
      List<String> ids =
          java.util.stream.IntStream.range(0, 10)
              .mapToObj(i -> place(Style.ASYNC, "SKU-BREAD").getOrderId())
              .toList();
      for (String id : ids) {
        await().atMost(RECOVERY).until(() -> stateOf(id) == OrderState.CONFIRMED);
        await().atMost(RECOVERY).until(() -> notificationsOf(id) == 1);
      }
    } finally {
      docker.startContainerCmd(broker.getContainerId()).exec();
    }
  }

  @Test
  void brokerDownExperimentKeepsTheLedgerClean() throws Exception {
    GenericContainer<?> broker = cluster.brokers.get(2);
    FaultDriver stopBroker =
        new FaultDriver() {
          @Override
          public FaultHandle apply(FaultStep step) {
            docker.stopContainerCmd(broker.getContainerId()).exec();
            return FaultHandle.of("docker stop " + step.part());
          }

          @Override
          public void undo(FaultHandle handle) {
            docker.startContainerCmd(broker.getContainerId()).exec();
          }
        };
    var addresses =
        new Addresses(
            ContainerCluster.target(cluster.order, "order-service"),
            ContainerCluster.target(cluster.inventory, "inventory-service"),
            ContainerCluster.target(cluster.notification, "notification-service"));

    ExperimentResult result =
        new ExperimentRunner(
                addresses,
                stopBroker,
                ResilienceApplier.recordOnly(),
                LagProbe.none(),
                Progress.Listener.none())
            .run(
                ExperimentParser.parse(
                    """
                    name: broker-down-short
                    load: {rate: 10, duration: 10s, sku: SKU-COFFEE}
                    timeline:
                      - {at: 2s, fault: stop, target: kafka-3, for: 5s}
                    recovery: {timeout: 90s}
                    expectations: {async_accept_errors: 0, ledger_clean: true}
                    """),
                copies.resolve("broker-down"));

    StyleStats async = result.styles().get(RunStyle.ASYNC);
    assertThat(async.errors()).as("async accepts throughout").isZero();
    assertThat(async.notFinal()).as("async orders left without an outcome").isZero();
    assertThat(result.styles().get(RunStyle.SYNC).errors())
        .as("sync does not use Kafka: one broker down changes nothing for it")
        .isZero();
    assertThat(result.ledger().clean()).as("ledger: " + result.ledger()).isTrue();
    assertThat(result.passed()).as("expectations " + result.expectations()).isTrue();
  }

  // --- helpers ---

  private static ManagedChannel channel(String target) {
    return ManagedChannelBuilder.forTarget(target).usePlaintext().build();
  }

  private static Order place(Style style, String sku) {
    return orders
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId("sys-" + UUID.randomUUID())
                .setSku(sku)
                .setQuantity(1)
                .setStyle(style)
                .build());
  }

  private static OrderState stateOf(String orderId) {
    return orders
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build())
        .getState();
  }

  private static OrderState finalState(String orderId) {
    var stream =
        orders
            .withDeadlineAfter(RECOVERY.toSeconds(), TimeUnit.SECONDS)
            .watchOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
    Order last = null;
    while (stream.hasNext()) {
      last = stream.next();
    }
    return last.getState();
  }

  private static int notificationsOf(String orderId) {
    try {
      return NotificationServiceGrpc.newBlockingStub(notificationChannel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .list(ListNotificationsRequest.newBuilder().setOrderId(orderId).build())
          .getNotificationsCount();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return 0;
      }
      throw e;
    }
  }

  /**
   * A copy of inventory-service's SQLite files (database and write-ahead log) out of its container.
   */
  private Path inventoryStoreCopy() {
    Path db = copies.resolve("inventory.db");
    for (String suffix : List.of("", "-wal", "-shm")) {
      try {
        cluster.inventory.copyFileFromContainer(
            "/var/lib/couplinglab/inventory.db" + suffix,
            copies.resolve("inventory.db" + suffix).toString());
      } catch (RuntimeException e) {
        if (suffix.isEmpty()) {
          throw new AssertionError("cannot copy inventory.db out of its container", e);
        }
      }
    }
    assertThat(db).exists();
    return db;
  }

  private static Map<String, String> reservationsIn(Path db, String prefix) throws Exception {
    Map<String, String> status = new HashMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        var select =
            c.prepareStatement("SELECT order_id, status FROM reservations WHERE order_id LIKE ?")) {
      select.setString(1, prefix + "%");
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          status.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return status;
  }

  /** Stock moved from available to reserved exactly once per RESERVED reservation. */
  private void assertStockAddsUp(String sku) throws Exception {
    try (Connection c =
        DriverManager.getConnection("jdbc:sqlite:" + copies.resolve("inventory.db"))) {
      ResultSet stock =
          c.createStatement()
              .executeQuery("SELECT available, reserved FROM stock WHERE sku = '" + sku + "'");
      assertThat(stock.next()).isTrue();
      long available = stock.getLong(1);
      long reserved = stock.getLong(2);
      ResultSet sum =
          c.createStatement()
              .executeQuery(
                  "SELECT COALESCE(SUM(quantity), 0) FROM reservations WHERE status = 'RESERVED' AND sku = '"
                      + sku
                      + "'");
      sum.next();
      assertThat(reserved)
          .as("reserved stock equals the sum of reservations (none twice)")
          .isEqualTo(sum.getLong(1));
      assertThat(available + reserved).as("no stock created or lost").isEqualTo(10_000_000);
    }
  }
}
