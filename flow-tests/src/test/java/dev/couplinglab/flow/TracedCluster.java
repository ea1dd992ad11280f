package dev.couplinglab.flow;

import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.inventory.InventoryApp;
import dev.couplinglab.inventory.InventoryConfig;
import dev.couplinglab.kafka.FreePorts;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.notification.NotificationApp;
import dev.couplinglab.notification.NotificationConfig;
import dev.couplinglab.order.OrderApp;
import dev.couplinglab.order.OrderConfig;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.runtime.ServiceSettings;
import dev.couplinglab.platform.telemetry.SpanFile;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The three services in-process on a local broker, with their default span files, every trace
 * sampled ({@code parentbased_always_on}: a client's sampled traceparent is followed, and a call
 * without a valid one starts a trace that is kept too). inventory-service can be stopped and
 * started again on the same store, consumer group and port, and its Reserve delayed (admin API).
 */
final class TracedCluster implements AutoCloseable {

  private static final String SAMPLER = "otel.traces.sampler";
  private static final String TOKEN = "trace-it-" + UUID.randomUUID();

  private final Path dir;
  private final String previousSampler;
  private final LocalKafka kafka;
  private final InventoryConfig inventoryConfig;
  private InventoryApp inventory;
  private final NotificationApp notification;
  private final OrderApp order;
  private final ManagedChannel orderChannel;
  private final ManagedChannel inventoryChannel;

  private TracedCluster(Path dir) throws Exception {
    this.dir = dir;
    previousSampler = System.setProperty(SAMPLER, "parentbased_always_on");
    kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka"));
    inventoryConfig =
        new InventoryConfig(
            ServiceSettings.forTest(
                    InventoryConfig.SERVICE, dir.resolve("inventory"), kafka.bootstrapServers())
                // fixed: the next instance listens where order-service calls
                .withGrpcPort(FreePorts.next())
                .withAdmin(AdminSettings.withToken(TOKEN)));
    inventory = InventoryApp.start(inventoryConfig);
    inventoryChannel = Channels.plaintext("localhost:" + inventoryConfig.settings().grpcPort());
    notification =
        NotificationApp.start(
            NotificationConfig.forTest(dir.resolve("notification"), kafka.bootstrapServers()));
    order =
        OrderApp.start(
            OrderConfig.forTest(
                    ServiceSettings.forTest(
                            OrderConfig.SERVICE_NAME,
                            dir.resolve("order"),
                            kafka.bootstrapServers())
                        .withGrpcThreads(8),
                    "localhost:" + inventoryConfig.settings().grpcPort(),
                    "localhost:" + notification.grpcPort())
                .withDeadlines(Duration.ofSeconds(2), Duration.ofSeconds(2))
                .withDownstreamMaxAttempts(1),
            fatal -> {});
    orderChannel = Channels.plaintext("localhost:" + order.grpcPort());
  }

  static TracedCluster start() throws Exception {
    return new TracedCluster(Files.createTempDirectory("trace-it"));
  }

  ManagedChannel orderChannel() {
    return orderChannel;
  }

  String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Holds every Reserve for {@code delay} before inventory-service handles it. */
  void delayReserve(Duration delay) {
    admin()
        .injectFault(
            FaultSpec.newBuilder()
                .setLatency(
                    LatencyFault.newBuilder()
                        .setMethod("Reserve")
                        .setFixedMs((int) delay.toMillis())
                        .setProbability(1))
                .build());
  }

  void clearFaults() {
    admin().clearFaults(ClearFaultsRequest.getDefaultInstance());
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return FlowAdmin.stub(inventoryChannel, TOKEN);
  }

  void stopInventory() {
    inventory.close();
  }

  void startInventory() throws Exception {
    inventory = InventoryApp.start(inventoryConfig);
  }

  /** Every span the three services have written so far. */
  List<SpanFile.Span> spans() {
    List<SpanFile.Span> spans = new ArrayList<>();
    spans.addAll(SpanFile.read(SpanFile.of(dir.resolve("order"), OrderConfig.SERVICE_NAME)));
    spans.addAll(SpanFile.read(SpanFile.of(dir.resolve("inventory"), InventoryConfig.SERVICE)));
    spans.addAll(
        SpanFile.read(SpanFile.of(dir.resolve("notification"), NotificationConfig.SERVICE)));
    return spans;
  }

  @Override
  public void close() throws Exception {
    orderChannel.shutdownNow();
    inventoryChannel.shutdownNow();
    order.close();
    notification.close();
    inventory.close();
    kafka.close();
    if (previousSampler == null) {
      System.clearProperty(SAMPLER);
    } else {
      System.setProperty(SAMPLER, previousSampler);
    }
  }
}
