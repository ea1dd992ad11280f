package dev.couplinglab.order;

import dev.couplinglab.platform.config.ConfigException;
import dev.couplinglab.platform.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts order-service from environment variables; stops it cleanly on SIGTERM. */
public final class OrderServiceMain {

  private static final Logger log = LoggerFactory.getLogger(OrderServiceMain.class);

  private OrderServiceMain() {}

  public static void main(String[] args) throws Exception {
    OrderConfig config;
    try {
      config = OrderConfig.fromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println("order-service: " + e.getMessage());
      System.exit(2);
      return;
    }
    OrderApp app =
        OrderApp.start(
            config,
            fatal -> {
              log.error("Fatal Kafka error, exiting: {}", fatal.toString());
              // Exit from another thread: the shutdown hook waits for this one to stop.
              new Thread(() -> System.exit(70), "fatal-exit").start();
            });
    log.info(
        "order-service listening on gRPC port {} of {}, data in {}, inventory at {}, notification at {},"
            + " Kafka at {}",
        app.grpcPort(),
        config.grpcBindAddress(),
        config.databaseFile().toAbsolutePath(),
        config.inventoryTarget(),
        config.notificationTarget(),
        config.kafka().bootstrapServers());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("order-service shutting down");
                  try {
                    app.close();
                  } catch (Exception e) {
                    log.warn("Unclean shutdown: {}", e.toString());
                  }
                },
                "shutdown"));
    app.awaitTermination(); // gRPC threads are daemons: main keeps the process alive
  }
}
