package dev.couplinglab.inventory;

import dev.couplinglab.contracts.Catalogue;
import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.inventory.api.InventoryEndpoint;
import dev.couplinglab.inventory.messaging.OrderPlacedHandler;
import dev.couplinglab.inventory.store.InventoryStore;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.kafka.KafkaClients;
import dev.couplinglab.platform.kafka.KafkaSettings;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.platform.metrics.KafkaMetrics;
import dev.couplinglab.platform.metrics.ServiceMetrics;
import dev.couplinglab.platform.runtime.FatalExit;
import dev.couplinglab.platform.runtime.ServiceApp;
import dev.couplinglab.platform.runtime.ServiceRuntime;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Telemetry;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * inventory-service wired by hand: the store, the outbox relay, the OrderPlaced consumer and the
 * gRPC server, started in that order on a {@link ServiceRuntime} and closed in reverse. Start-up
 * does not wait for Kafka: the consumer and relay retry until it answers, and the gRPC API serves
 * meanwhile.
 */
public final class InventoryApp extends ServiceApp {

  private static final Logger log = LoggerFactory.getLogger(InventoryApp.class);

  private final InventoryConfig config;

  private InventoryApp(InventoryConfig config, Consumer<Throwable> onFatal, ServiceRuntime runtime)
      throws Exception {
    super(runtime);
    this.config = config;
    KafkaSettings kafka = config.settings().kafka();
    Clock clock = Clock.systemUTC();
    FaultRegistry faults = new FaultRegistry();
    Health health = new Health();
    Telemetry telemetry = runtime.telemetry(config.settings());
    Database database =
        runtime.add("store", new Database(Database.sqliteFile(config.databaseFile()), telemetry));
    database.applySchema(InventoryStore.SCHEMA);
    ServiceMetrics metrics = runtime.metrics(config.settings());
    KafkaMetrics.outbox(metrics, database);
    InventoryStore store = new InventoryStore(clock);
    int added = database.inTransaction(c -> store.seed(c, Catalogue.items()));
    log.info("Stock seeded: {} new SKUs, {} in the catalogue", added, Catalogue.items().size());

    CompletableFuture<Void> topics =
        TopicSetup.ensureInBackground(kafka, List.of(Topics.ORDERS, Topics.INVENTORY));
    runtime.onClose("topic setup", () -> topics.cancel(false));

    Producer<String, byte[]> relayProducer = KafkaClients.producer(kafka, "relay");
    runtime.onClose("relay producer", () -> relayProducer.close(KafkaClients.PRODUCER_CLOSE));
    OutboxRelay relay =
        runtime.add(
            "relay",
            new OutboxRelay(
                    database,
                    relayProducer,
                    onFatal,
                    health.part(HealthNames.INVENTORY_RELAY),
                    telemetry)
                .start());

    Producer<String, byte[]> deadLetters = KafkaClients.producer(kafka, "dlt");
    runtime.onClose("dlt producer", () -> deadLetters.close(KafkaClients.PRODUCER_CLOSE));
    EventConsumer<?> orders =
        runtime.add(
            "consumer",
            new EventConsumer<>(
                    Topics.ORDERS,
                    KafkaClients.consumer(kafka, InventoryConfig.SERVICE),
                    deadLetters,
                    new OrderPlacedHandler(database, store, relay::nudge, clock),
                    onFatal,
                    faults,
                    health.part(HealthNames.INVENTORY_CONSUMER),
                    telemetry)
                .start());
    KafkaMetrics.consumer(metrics, orders, Topics.ORDERS.name());

    runtime.serve(
        config.settings(),
        List.of(new InventoryEndpoint(database, store)),
        AdminApi.create(config.settings().admin(), faults, deadLetters),
        health,
        InventoryServiceGrpc.SERVICE_NAME);
  }

  /**
   * Starts the service in-process (e.g. in flow tests): a fatal Kafka error is logged and leaves
   * the gRPC API running. A process uses {@link #start(InventoryConfig, Consumer)} to exit instead.
   */
  public static InventoryApp start(InventoryConfig config) throws Exception {
    return start(config, FatalExit.logOnly(InventoryConfig.SERVICE));
  }

  /**
   * Starts every part; on failure closes what was started and rethrows.
   *
   * @param onFatal called when the relay or the consumer meets a Kafka error no retry can fix (a
   *     process should log it and exit non-zero; a test records it)
   */
  public static InventoryApp start(InventoryConfig config, Consumer<Throwable> onFatal)
      throws Exception {
    return ServiceRuntime.start(
        InventoryConfig.SERVICE, runtime -> new InventoryApp(config, onFatal, runtime));
  }

  public InventoryConfig config() {
    return config;
  }
}
