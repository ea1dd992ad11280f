package dev.couplinglab.order;

import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.runtime.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts order-service from environment variables; stops it cleanly on SIGTERM. */
public final class OrderServiceMain {

  private static final Logger log = LoggerFactory.getLogger(OrderServiceMain.class);

  private OrderServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceProcess process = new ServiceProcess(OrderConfig.SERVICE_NAME);
    OrderConfig config = process.config(() -> OrderConfig.fromEnv(Env.system()));
    OrderApp app = process.start(() -> OrderApp.start(config, process.fatalExit()));
    log.info(
        "order-service listening on gRPC port {} of {}, data in {}, inventory at {}, notification at {},"
            + " Kafka at {}",
        app.grpcPort(),
        config.settings().grpcBindAddress(),
        config.databaseFile().toAbsolutePath(),
        config.inventoryTarget(),
        config.notificationTarget(),
        config.settings().kafka().bootstrapServers());
    process.serveUntilClosed(app);
  }
}
