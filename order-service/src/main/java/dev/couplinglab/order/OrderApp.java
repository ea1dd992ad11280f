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
import dev.couplinglab.order.metrics.OrderMetrics;
import dev.couplinglab.order.repair.RepairBackoff;
import dev.couplinglab.order.repair.RepairWorker;
import dev.couplinglab.order.repair.Repairs;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.kafka.KafkaClients;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.platform.metrics.KafkaMetrics;
import dev.couplinglab.platform.metrics.ServiceMetrics;
import dev.couplinglab.platform.runtime.ServiceApp;
import dev.couplinglab.platform.runtime.ServiceRuntime;
import dev.couplinglab.platform.runtime.ServiceSettings;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Telemetry;
import io.grpc.ClientInterceptor;
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
 * gRPC. Parts start in that order on a {@link ServiceRuntime} and close in reverse: the server
 * drains first, the store closes last.
 */
public final class OrderApp extends ServiceApp {

  private OrderApp(OrderConfig config, Consumer<Throwable> onFatal, ServiceRuntime runtime)
      throws Exception {
    super(runtime);
    ServiceSettings settings = config.settings();
    var kafka = settings.kafka();
    Telemetry telemetry = runtime.telemetry(settings);
    ServiceMetrics metrics = runtime.metrics(settings);
    OrderMetrics orderMetrics = new OrderMetrics(metrics);
    Database database =
        runtime.add("store", new Database(Database.sqliteFile(config.databaseFile()), telemetry));
    database.applySchema(OrderStore.SCHEMA);
    KafkaMetrics.outbox(metrics, database);
    CompletableFuture<Void> topics =
        TopicSetup.ensureInBackground(
            kafka, List.of(Topics.ORDERS, Topics.INVENTORY, Topics.NOTIFICATIONS));
    runtime.onClose("topic setup", () -> topics.cancel(false));
    Producer<String, byte[]> relayProducer = KafkaClients.producer(kafka, "relay");
    runtime.onClose("relay producer", () -> relayProducer.close(KafkaClients.PRODUCER_CLOSE));
    Producer<String, byte[]> deadLetterProducer = KafkaClients.producer(kafka, "dlt");
    runtime.onClose("dlt producer", () -> deadLetterProducer.close(KafkaClients.PRODUCER_CLOSE));
    Health health = new Health();
    OutboxRelay relay =
        runtime.add(
            "relay",
            new OutboxRelay(
                    database,
                    relayProducer,
                    onFatal,
                    health.part(HealthNames.ORDER_RELAY),
                    telemetry)
                .start());
    OrderUpdates updates = new OrderUpdates(orderMetrics::changed);
    FaultRegistry faults = new FaultRegistry();
    EventConsumer<?> decisions =
        runtime.add(
            "consumer",
            new EventConsumer<>(
                    Topics.INVENTORY,
                    KafkaClients.consumer(kafka, OrderConfig.SERVICE_NAME),
                    deadLetterProducer,
                    new StockDecisionHandler(database, relay, updates),
                    onFatal,
                    faults,
                    health.part(HealthNames.ORDER_CONSUMER),
                    telemetry)
                .start());
    KafkaMetrics.consumer(metrics, decisions, Topics.INVENTORY.name());

    // Retries live in Resilience, not in the channels, so they can be switched at run time.
    ClientInterceptor callMetrics = metrics.grpc().clientInterceptor();
    ManagedChannel inventoryChannel =
        Channels.plaintext(config.inventoryTarget(), telemetry, callMetrics);
    runtime.onClose("inventory channel", inventoryChannel::shutdownNow);
    ManagedChannel notificationChannel =
        Channels.plaintext(config.notificationTarget(), telemetry, callMetrics);
    runtime.onClose("notification channel", notificationChannel::shutdownNow);
    Resilience resilience =
        new Resilience(
            CallPolicy.defaults(
                config.inventoryDeadline(),
                config.notificationDeadline(),
                config.downstreamMaxAttempts()));
    ExecutorService compensations =
        Executors.newSingleThreadExecutor(task -> new Thread(task, "compensation"));
    runtime.onClose(
        "compensations",
        () -> {
          compensations.shutdown();
          compensations.awaitTermination(
              settings.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS);
        });
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
    runtime.add("repair worker", new RepairWorker(database, repairs, syncFlow::makeOwed).start());
    var asyncFlow = new AsyncFlow(relay);
    var entry = config.entry();
    EntryPools pools = new EntryPools(entry.syncThreads(), entry.syncQueue(), entry.shared());
    runtime.onClose("entry pools", () -> pools.close(settings.shutdownGrace()));
    OrderMetrics.guards(metrics, resilience, pools);

    runtime.serve(
        settings,
        List.of(new OrderGrpcService(database, syncFlow, asyncFlow, updates, pools)),
        List.of(orderMetrics.answers()),
        AdminApi.create(
            settings.admin(),
            faults,
            deadLetterProducer,
            new ResilienceEndpoint(resilience, repairs, pools)),
        health,
        OrderServiceGrpc.SERVICE_NAME);
  }

  /**
   * Starts order-service; if a part fails to start, closes those that did and rethrows.
   *
   * @param onFatal called if Kafka fails beyond retry (a process exits, see {@code FatalExit})
   */
  public static OrderApp start(OrderConfig config, Consumer<Throwable> onFatal) throws Exception {
    return ServiceRuntime.start(
        OrderConfig.SERVICE_NAME, runtime -> new OrderApp(config, onFatal, runtime));
  }
}
