package dev.couplinglab.inventory;

import dev.couplinglab.contracts.Catalogue;
import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.inventory.api.InventoryEndpoint;
import dev.couplinglab.inventory.messaging.OrderPlacedHandler;
import dev.couplinglab.inventory.store.InventoryStore;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.kafka.KafkaClients;
import dev.couplinglab.platform.kafka.OutboxRelay;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Telemetry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * inventory-service wired by hand: the store, the outbox relay, the OrderPlaced consumer and the
 * gRPC server. Start-up does not wait for Kafka: the consumer and relay retry until it answers, and
 * the gRPC API serves meanwhile.
 */
public final class InventoryApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InventoryApp.class);
  // A producer with unsent records and no broker would otherwise wait forever on close.
  private static final Duration PRODUCER_CLOSE = Duration.ofSeconds(5);

  private final InventoryConfig config;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();
  private GrpcServer server;

  private InventoryApp(InventoryConfig config) {
    this.config = config;
  }

  /**
   * Starts the service in-process (e.g. in flow tests): a fatal Kafka error is logged and leaves
   * the gRPC API running. A process uses {@link #start(InventoryConfig, Consumer)} to exit instead.
   */
  public static InventoryApp start(InventoryConfig config) throws IOException, SQLException {
    return start(config, error -> log.error("Kafka path stopped for good: {}", error.toString()));
  }

  /**
   * Starts every part; on failure closes what was started and rethrows.
   *
   * @param onFatal called when the relay or the consumer meets a Kafka error no retry can fix (a
   *     process should log it and exit non-zero; a test records it)
   */
  public static InventoryApp start(InventoryConfig config, Consumer<Throwable> onFatal)
      throws IOException, SQLException {
    InventoryApp app = new InventoryApp(config);
    try {
      app.startParts(onFatal);
      return app;
    } catch (IOException | SQLException | RuntimeException e) {
      app.close();
      throw e;
    }
  }

  private void startParts(Consumer<Throwable> onFatal) throws IOException, SQLException {
    Clock clock = Clock.systemUTC();
    FaultRegistry faults = new FaultRegistry();
    Health health = new Health();
    Telemetry telemetry = Telemetry.start(InventoryConfig.SERVICE, config.dataDir());
    opened.push(telemetry);
    Database database = new Database(Database.sqliteFile(config.databaseFile()), telemetry);
    opened.push(database);
    database.applySchema(InventoryStore.SCHEMA);
    InventoryStore store = new InventoryStore(clock);
    int added = database.inTransaction(c -> store.seed(c, Catalogue.items()));
    log.info("Stock seeded: {} new SKUs, {} in the catalogue", added, Catalogue.items().size());

    CompletableFuture<Void> topics =
        TopicSetup.ensureInBackground(config.kafka(), List.of(Topics.ORDERS, Topics.INVENTORY));
    opened.push(() -> topics.cancel(false));

    Producer<String, byte[]> relayProducer = KafkaClients.producer(config.kafka(), "relay");
    opened.push(() -> relayProducer.close(PRODUCER_CLOSE));
    OutboxRelay relay =
        new OutboxRelay(
                database,
                relayProducer,
                onFatal,
                health.part(HealthNames.INVENTORY_RELAY),
                telemetry)
            .start();
    opened.push(relay);

    Producer<String, byte[]> deadLetters = KafkaClients.producer(config.kafka(), "dlt");
    opened.push(() -> deadLetters.close(PRODUCER_CLOSE));
    EventConsumer<OrderPlaced> consumer =
        new EventConsumer<>(
                Topics.ORDERS,
                KafkaClients.consumer(config.kafka(), InventoryConfig.SERVICE),
                deadLetters,
                new OrderPlacedHandler(database, store, relay::nudge, clock),
                onFatal,
                faults,
                health.part(HealthNames.INVENTORY_CONSUMER),
                telemetry)
            .start();
    opened.push(consumer);

    server =
        new GrpcServer(
                GrpcServer.listening(config.grpcBindAddress(), config.grpcPort()),
                config.grpcThreads(),
                List.of(new InventoryEndpoint(database, store)),
                AdminApi.create(config.admin(), faults, deadLetters),
                health,
                telemetry)
            .start();
    opened.push(() -> server.shutdown(config.shutdownGrace()));
    server.markServing(InventoryServiceGrpc.SERVICE_NAME);
  }

  public int grpcPort() {
    return server.port();
  }

  /** Blocks until the gRPC server has stopped (its threads are daemons: main must wait). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  public InventoryConfig config() {
    return config;
  }

  /**
   * Stops in reverse start order: the gRPC server (draining calls within the grace), the consumer,
   * the relay, the producers, the database.
   */
  @Override
  public void close() {
    while (!opened.isEmpty()) {
      AutoCloseable part = opened.pop();
      try {
        part.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.warn("Closing {} failed: {}", part, e.toString());
      }
    }
  }
}
