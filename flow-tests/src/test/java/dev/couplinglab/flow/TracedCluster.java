package dev.couplinglab.flow;

import dev.couplinglab.clusterkit.InProcessCluster;
import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.inventory.InventoryConfig;
import dev.couplinglab.notification.NotificationConfig;
import dev.couplinglab.order.OrderConfig;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.telemetry.SpanFile;
import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The three services in-process on a local broker ({@link InProcessCluster}), with their default
 * span files, every trace sampled ({@code parentbased_always_on}: a client's sampled traceparent is
 * followed, and a call without a valid one starts a trace that is kept too). inventory-service can
 * be stopped and started again on the same store, consumer group and port, and its Reserve delayed
 * (admin API).
 */
final class TracedCluster implements AutoCloseable {

  private static final String SAMPLER = "otel.traces.sampler";
  private static final String TOKEN = "trace-it-" + UUID.randomUUID();

  private final Path dir;
  private final String previousSampler;
  private final InProcessCluster cluster;

  private TracedCluster(Path dir) throws Exception {
    this.dir = dir;
    previousSampler = System.setProperty(SAMPLER, "parentbased_always_on");
    cluster =
        InProcessCluster.in(dir)
            .inventory(s -> s.withAdmin(AdminSettings.withToken(TOKEN)))
            .orderSettings(s -> s.withGrpcThreads(8))
            .start();
  }

  static TracedCluster start() throws Exception {
    return new TracedCluster(Files.createTempDirectory("trace-it"));
  }

  ManagedChannel orderChannel() {
    return cluster.orderChannel();
  }

  String bootstrapServers() {
    return cluster.bootstrapServers();
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
    return FlowAdmin.stub(cluster.inventoryChannel(), TOKEN);
  }

  void stopInventory() {
    cluster.stopInventory();
  }

  void startInventory() throws Exception {
    cluster.startInventory();
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
    cluster.close();
    if (previousSampler == null) {
      System.clearProperty(SAMPLER);
    } else {
      System.setProperty(SAMPLER, previousSampler);
    }
  }
}
