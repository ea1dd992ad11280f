package dev.couplinglab.inventory;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.runtime.ServiceSettings;
import java.nio.file.Path;

/**
 * inventory-service settings, read once from the environment: only those every service has (see
 * {@link ServiceSettings}), its gRPC port 15052 unless {@code GRPC_PORT} says otherwise.
 */
public record InventoryConfig(ServiceSettings settings) {

  public static final String SERVICE = Service.INVENTORY.serviceName();
  public static final int DEFAULT_GRPC_PORT = 15052;

  /** Where {@code /metrics} is served unless {@code METRICS_PORT} says otherwise. */
  public static final int DEFAULT_METRICS_PORT = 9462;

  public static InventoryConfig fromEnv(Env env) {
    return new InventoryConfig(
        ServiceSettings.fromEnv(env, SERVICE, DEFAULT_GRPC_PORT, DEFAULT_METRICS_PORT));
  }

  /**
   * Settings for an in-process test: {@link ServiceSettings#forTest} (a free port, {@code dataDir},
   * a local broker, no admin API; see {@link #withAdmin}).
   */
  public static InventoryConfig forTest(Path dataDir, String bootstrapServers) {
    return new InventoryConfig(ServiceSettings.forTest(SERVICE, dataDir, bootstrapServers));
  }

  public InventoryConfig withAdmin(AdminSettings admin) {
    return new InventoryConfig(settings.withAdmin(admin));
  }

  /** The store: {@code inventory.db} in the data dir. */
  public Path databaseFile() {
    return settings.dataDir().resolve("inventory.db");
  }
}
