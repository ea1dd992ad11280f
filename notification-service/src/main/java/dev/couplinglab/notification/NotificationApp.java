package dev.couplinglab.notification;

import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.OrderOutcome;
import dev.couplinglab.notification.api.NotificationEndpoint;
import dev.couplinglab.notification.messaging.OrderOutcomeHandler;
import dev.couplinglab.notification.store.NotificationStore;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.kafka.KafkaClients;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Telemetry;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * notification-service wired by hand: its SQLite store, the gRPC server, and the consumer of
 * OrderOutcome events with its dead-letter producer. It publishes nothing, so it has no relay.
 * Starts without waiting for Kafka: the gRPC API serves while the brokers are down.
 */
public final class NotificationApp implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NotificationApp.class);

  private final NotificationConfig config;
  private final Database database;
  private final GrpcServer server;
  private final Producer<String, byte[]> deadLetters;
  private final EventConsumer<OrderOutcome> consumer;
  private final CompletableFuture<Void> topicSetup;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Telemetry telemetry;

  private NotificationApp(
      NotificationConfig config,
      Database database,
      GrpcServer server,
      Producer<String, byte[]> deadLetters,
      EventConsumer<OrderOutcome> consumer,
      CompletableFuture<Void> topicSetup,
      Telemetry telemetry) {
    this.telemetry = telemetry;
    this.config = config;
    this.database = database;
    this.server = server;
    this.deadLetters = deadLetters;
    this.consumer = consumer;
    this.topicSetup = topicSetup;
  }

  /**
   * Starts with a fatal Kafka error only logged; services use {@link #start(NotificationConfig,
   * Consumer)}.
   */
  public static NotificationApp start(NotificationConfig config) throws IOException, SQLException {
    return start(config, e -> log.error("Fatal: {}", e.toString()));
  }

  /**
   * @param onFatal called once when the Kafka consumer cannot go on (the process should exit)
   */
  public static NotificationApp start(NotificationConfig config, Consumer<Throwable> onFatal)
      throws IOException, SQLException {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      Telemetry telemetry = Telemetry.start(NotificationConfig.SERVICE, config.dataDir());
      opened.add(telemetry);
      Database database = new Database(Database.sqliteFile(config.databaseFile()), telemetry);
      opened.add(database);
      database.applySchema(NotificationStore.SCHEMA);
      NotificationStore store = new NotificationStore(database, Clock.systemUTC());
      FaultRegistry faults = new FaultRegistry();
      Health health = new Health();
      Producer<String, byte[]> deadLetters = KafkaClients.producer(config.kafka(), "dlt");
      opened.add(deadLetters);

      GrpcServer server =
          new GrpcServer(
                  GrpcServer.listening(config.grpcBindAddress(), config.grpcPort()),
                  config.grpcThreads(),
                  List.of(new NotificationEndpoint(store)),
                  AdminApi.create(config.admin(), faults, deadLetters),
                  health,
                  telemetry)
              .start();
      opened.add(() -> server.shutdown(Duration.ZERO));

      CompletableFuture<Void> topicSetup =
          TopicSetup.ensureInBackground(config.kafka(), List.of(Topics.NOTIFICATIONS));
      opened.add(() -> topicSetup.cancel(false));
      EventConsumer<OrderOutcome> consumer =
          new EventConsumer<>(
                  Topics.NOTIFICATIONS,
                  KafkaClients.consumer(config.kafka(), NotificationConfig.CONSUMER_GROUP),
                  deadLetters,
                  new OrderOutcomeHandler(Topics.NOTIFICATIONS, store),
                  onFatal,
                  faults,
                  health.part(HealthNames.NOTIFICATION_CONSUMER),
                  telemetry)
              .start();

      server.markServing(NotificationServiceGrpc.SERVICE_NAME);
      return new NotificationApp(
          config, database, server, deadLetters, consumer, topicSetup, telemetry);
    } catch (IOException | SQLException | RuntimeException e) {
      for (int i = opened.size() - 1; i >= 0; i--) {
        try {
          opened.get(i).close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  public int grpcPort() {
    return server.port();
  }

  /** Blocks until the gRPC server has stopped. */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Graceful: NOT_SERVING and drain calls, then the consumer, its producer, the store. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    server.shutdown(config.shutdownGrace());
    topicSetup.cancel(false); // stops retrying if Kafka never came up
    try {
      consumer.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deadLetters.close(Duration.ofSeconds(5));
    try {
      database.close();
    } catch (SQLException e) {
      log.warn("Closing the store failed: {}", e.toString());
    }
    telemetry.close();
  }
}
