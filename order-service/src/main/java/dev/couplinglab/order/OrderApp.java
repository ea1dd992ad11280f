package dev.couplinglab.order;

import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.order.admin.ResilienceEndpoint;
import dev.couplinglab.order.api.EntryPools;
import dev.couplinglab.order.api.OrderGrpcService;
import dev.couplinglab.order.flow.AsyncFlow;
import dev.couplinglab.order.flow.CallPolicy;
import dev.couplinglab.order.flow.OrderUpdates;
import dev.couplinglab.order.flow.Resilience;
import dev.couplinglab.order.flow.SyncFlow;
import dev.couplinglab.order.messaging.StockDecisionHandler;
import dev.couplinglab.order.repair.RepairBackoff;
import dev.couplinglab.order.repair.RepairWorker;
import dev.couplinglab.order.repair.Repairs;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.kafka.KafkaClients;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Telemetry;
import io.grpc.ManagedChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * order-service wired by hand: store, Kafka relay and consumer, downstream channels, repair worker,
 * gRPC.
 */
public final class OrderApp implements AutoCloseable {

  private final OrderConfig config;
  private final Database database;
  private final CompletableFuture<Void> topics;
  private final Producer<String, byte[]> relayProducer;
  private final Producer<String, byte[]> deadLetterProducer;
  private final OutboxRelay relay;
  private final EventConsumer<?> decisions;
  private final ManagedChannel inventoryChannel;
  private final ManagedChannel notificationChannel;
  private final ExecutorService compensations;
  private final EntryPools pools;
  private final RepairWorker repairWorker;

  private final GrpcServer server;
  private final Telemetry telemetry;

  private OrderApp(OrderConfig config, Consumer<Throwable> onFatal) throws Exception {
    this.config = config;
    telemetry = Telemetry.start(OrderConfig.SERVICE_NAME, config.dataDir());
    database = new Database(Database.sqliteFile(config.databaseFile()), telemetry);
    database.applySchema(OrderStore.SCHEMA);

    var kafka = config.kafka();
    topics =
        TopicSetup.ensureInBackground(
            kafka, List.of(Topics.ORDERS, Topics.INVENTORY, Topics.NOTIFICATIONS));
    relayProducer = KafkaClients.producer(kafka, "relay");
    deadLetterProducer = KafkaClients.producer(kafka, "dlt");
    Health health = new Health();
    relay =
        new OutboxRelay(
                database, relayProducer, onFatal, health.part(HealthNames.ORDER_RELAY), telemetry)
            .start();
    OrderUpdates updates = new OrderUpdates();
    FaultRegistry faults = new FaultRegistry();
    decisions =
        new EventConsumer<>(
                Topics.INVENTORY,
                KafkaClients.consumer(kafka, OrderConfig.SERVICE_NAME),
                deadLetterProducer,
                new StockDecisionHandler(database, relay, updates),
                onFatal,
                faults,
                health.part(HealthNames.ORDER_CONSUMER),
                telemetry)
            .start();

    // Retries live in Resilience, not in the channels, so they can be switched at run time.
    inventoryChannel = Channels.plaintext(config.inventoryTarget(), telemetry);
    notificationChannel = Channels.plaintext(config.notificationTarget(), telemetry);
    Resilience resilience =
        new Resilience(
            CallPolicy.defaults(
                config.inventoryDeadline(),
                config.notificationDeadline(),
                config.downstreamMaxAttempts()));
    compensations = Executors.newSingleThreadExecutor(task -> new Thread(task, "compensation"));
    var downstream =
        new SyncFlow.Downstream(
            InventoryServiceGrpc.newBlockingStub(inventoryChannel),
            NotificationServiceGrpc.newBlockingStub(notificationChannel),
            resilience);
    // Durable by default (REPAIR): what a real system wants. Experiments that show the naive chain
    // say repair: none (see docs/faults.md).
    Repairs repairs = new Repairs(database, config.repair(), RepairBackoff.standard());
    var syncFlow = new SyncFlow(database, updates, downstream, compensations, repairs, telemetry);
    syncFlow.failCutChains(); // before the worker and the server: no chain runs yet
    repairWorker = new RepairWorker(database, repairs, syncFlow::makeOwed).start();
    var asyncFlow = new AsyncFlow(relay);
    var entry = config.entry();
    pools = new EntryPools(entry.syncThreads(), entry.syncQueue(), entry.shared());

    server =
        new GrpcServer(
                GrpcServer.listening(config.grpcBindAddress(), config.grpcPort()),
                config.grpcThreads(),
                List.of(new OrderGrpcService(database, syncFlow, asyncFlow, updates, pools)),
                AdminApi.create(
                    config.admin(),
                    faults,
                    deadLetterProducer,
                    new ResilienceEndpoint(resilience, repairs, pools)),
                health,
                telemetry)
            .start();
    server.markServing(OrderServiceGrpc.SERVICE_NAME);
  }

  /**
   * Starts order-service. {@code onFatal} is called if Kafka fails beyond retry (the process should
   * exit).
   */
  public static OrderApp start(OrderConfig config, Consumer<Throwable> onFatal) throws Exception {
    return new OrderApp(config, onFatal);
  }

  public int grpcPort() {
    return server.port();
  }

  /** Blocks until the gRPC server has stopped. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /**
   * NOT_SERVING, drain calls, then stop Kafka clients, the repair worker, channels and the store,
   * in that order.
   */
  @Override
  public void close() throws Exception {
    server.shutdown(config.shutdownGrace());
    pools.close(config.shutdownGrace());
    topics.cancel(false);
    decisions.close();
    relay.close();
    repairWorker.close();
    compensations.shutdown();
    compensations.awaitTermination(config.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
    inventoryChannel.shutdownNow();
    notificationChannel.shutdownNow();
    relayProducer.close();
    deadLetterProducer.close();
    database.close();
    telemetry.close();
  }
}
