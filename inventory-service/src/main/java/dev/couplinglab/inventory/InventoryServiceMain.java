package dev.couplinglab.inventory;

import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.runtime.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs inventory-service as a process: config from the environment, exit codes for failures. */
public final class InventoryServiceMain {

  private static final Logger log = LoggerFactory.getLogger(InventoryServiceMain.class);

  private InventoryServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceProcess process = new ServiceProcess(InventoryConfig.SERVICE);
    InventoryConfig config = process.config(() -> InventoryConfig.fromEnv(Env.system()));
    InventoryApp app = process.start(() -> InventoryApp.start(config, process.fatalExit()));
    log.info(
        "{} listening on gRPC port {} of {}, data in {}",
        InventoryConfig.SERVICE,
        app.grpcPort(),
        config.settings().grpcBindAddress(),
        config.databaseFile().toAbsolutePath());
    process.serveUntilClosed(app);
  }
}
