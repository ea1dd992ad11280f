package dev.couplinglab.notification;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.runtime.ServiceSettings;
import java.nio.file.Path;

/**
 * notification-service settings, read once from the environment: only those every service has (see
 * {@link ServiceSettings}), its gRPC port 15053 unless {@code GRPC_PORT} says otherwise.
 */
public record NotificationConfig(ServiceSettings settings) {

  public static final String SERVICE = Service.NOTIFICATION.serviceName();
  public static final int DEFAULT_GRPC_PORT = 15053;

  /** Where {@code /metrics} is served unless {@code METRICS_PORT} says otherwise. */
  public static final int DEFAULT_METRICS_PORT = 9463;

  /** Kafka consumer group of the OrderOutcome consumer. */
  public static final String CONSUMER_GROUP = Service.NOTIFICATION.consumerGroup();

  public static NotificationConfig fromEnv(Env env) {
    return new NotificationConfig(
        ServiceSettings.fromEnv(env, SERVICE, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT));
  }

  /**
   * Settings for an in-process test: {@link ServiceSettings#forTest} (a free port, {@code dataDir},
   * the broker at {@code bootstrapServers}, no admin API).
   */
  public static NotificationConfig forTest(Path dataDir, String bootstrapServers) {
    return new NotificationConfig(ServiceSettings.forTest(SERVICE, dataDir, bootstrapServers));
  }

  /** The store: {@code notification.db} in the data dir. */
  public Path databaseFile() {
    return settings.dataDir().resolve("notification.db");
  }
}
