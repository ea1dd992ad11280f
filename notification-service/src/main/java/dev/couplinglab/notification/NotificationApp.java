package dev.couplinglab.notification;

import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.notification.api.NotificationEndpoint;
import dev.couplinglab.notification.messaging.OrderOutcomeHandler;
import dev.couplinglab.notification.store.NotificationStore;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultRegistry;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.kafka.EventConsumer;
import dev.couplinglab.platform.kafka.KafkaClients;
import dev.couplinglab.platform.kafka.KafkaSettings;
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

/**
 * notification-service wired by hand: its SQLite store, the consumer of OrderOutcome events with
 * its dead-letter producer, and the gRPC server, started in that order on a {@link ServiceRuntime}
 * and closed in reverse. It publishes nothing, so it has no relay. Starts without waiting for
 * Kafka: the gRPC API serves while the brokers are down.
 */
public final class NotificationApp extends ServiceApp {

  private NotificationApp(
      NotificationConfig config, Consumer<Throwable> onFatal, ServiceRuntime runtime)
      throws Exception {
    super(runtime);
    KafkaSettings kafka = config.settings().kafka();
    Telemetry telemetry = runtime.telemetry(config.settings());
    Database database =
        runtime.add("store", new Database(Database.sqliteFile(config.databaseFile()), telemetry));
    database.applySchema(NotificationStore.SCHEMA);
    ServiceMetrics metrics = runtime.metrics(config.settings());
    NotificationStore store = new NotificationStore(database, Clock.systemUTC());
    FaultRegistry faults = new FaultRegistry();
    Health health = new Health();
    Producer<String, byte[]> deadLetters = KafkaClients.producer(kafka, "dlt");
    runtime.onClose("dlt producer", () -> deadLetters.close(KafkaClients.PRODUCER_CLOSE));

    CompletableFuture<Void> topics =
        TopicSetup.ensureInBackground(kafka, List.of(Topics.NOTIFICATIONS));
    runtime.onClose("topic setup", () -> topics.cancel(false)); // stops retrying if Kafka is away
    EventConsumer<?> outcomes =
        runtime.add(
            "consumer",
            new EventConsumer<>(
                    Topics.NOTIFICATIONS,
                    KafkaClients.consumer(kafka, NotificationConfig.CONSUMER_GROUP),
                    deadLetters,
                    new OrderOutcomeHandler(Topics.NOTIFICATIONS, store),
                    onFatal,
                    faults,
                    health.part(HealthNames.NOTIFICATION_CONSUMER),
                    telemetry)
                .start());
    KafkaMetrics.consumer(metrics, outcomes, Topics.NOTIFICATIONS.name());

    runtime.serve(
        config.settings(),
        List.of(new NotificationEndpoint(store)),
        AdminApi.create(config.settings().admin(), faults, deadLetters),
        health,
        NotificationServiceGrpc.SERVICE_NAME);
  }

  /**
   * Starts with a fatal Kafka error only logged; services use {@link #start(NotificationConfig,
   * Consumer)}.
   */
  public static NotificationApp start(NotificationConfig config) throws Exception {
    return start(config, FatalExit.logOnly(NotificationConfig.SERVICE));
  }

  /**
   * Starts every part; on failure closes what was started and rethrows.
   *
   * @param onFatal called once when the Kafka consumer cannot go on (the process should exit)
   */
  public static NotificationApp start(NotificationConfig config, Consumer<Throwable> onFatal)
      throws Exception {
    return ServiceRuntime.start(
        NotificationConfig.SERVICE, runtime -> new NotificationApp(config, onFatal, runtime));
  }
}
