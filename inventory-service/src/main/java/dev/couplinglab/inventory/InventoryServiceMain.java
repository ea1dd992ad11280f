package dev.couplinglab.inventory;

import dev.couplinglab.platform.config.ConfigException;
import dev.couplinglab.platform.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs inventory-service as a process: config from the environment, exit codes for failures. */
public final class InventoryServiceMain {

  private static final Logger log = LoggerFactory.getLogger(InventoryServiceMain.class);

  /** sysexits EX_SOFTWARE: Kafka failed in a way the service cannot recover from. */
  private static final int EXIT_FATAL = 70;

  private InventoryServiceMain() {}

  public static void main(String[] args) throws Exception {
    InventoryConfig config;
    try {
      config = InventoryConfig.fromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    InventoryApp app = InventoryApp.start(config, InventoryServiceMain::fatal);
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    log.info(
        "{} listening on gRPC port {} of {}, data in {}",
        InventoryConfig.SERVICE,
        app.grpcPort(),
        config.grpcBindAddress(),
        config.databaseFile().toAbsolutePath());
    app.awaitTermination();
  }

  private static void fatal(Throwable error) {
    log.error("{} cannot go on, exiting: {}", InventoryConfig.SERVICE, error.toString());
    System.exit(EXIT_FATAL);
  }
}
