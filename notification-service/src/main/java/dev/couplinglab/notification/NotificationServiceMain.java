package dev.couplinglab.notification;

import dev.couplinglab.platform.config.ConfigException;
import dev.couplinglab.platform.config.Env;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs notification-service: config from the environment, then {@link NotificationApp}. */
public final class NotificationServiceMain {

  private static final Logger log = LoggerFactory.getLogger(NotificationServiceMain.class);

  /** Exit status for a failure the service cannot recover from (EX_SOFTWARE). */
  static final int EXIT_FATAL = 70;

  private NotificationServiceMain() {}

  public static void main(String[] args) throws Exception {
    NotificationConfig config;
    try {
      config = NotificationConfig.fromEnv(Env.system());
    } catch (ConfigException e) {
      System.err.println(NotificationConfig.SERVICE + ": " + e.getMessage());
      System.exit(2);
      return;
    }
    NotificationApp app;
    try {
      app = NotificationApp.start(config, NotificationServiceMain::exitOnFatal);
    } catch (Exception e) {
      log.error("{} failed to start: {}", NotificationConfig.SERVICE, e.toString());
      System.exit(EXIT_FATAL);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    log.info(
        "{} listening on gRPC port {} of {}, data in {}",
        NotificationConfig.SERVICE,
        app.grpcPort(),
        config.grpcBindAddress(),
        config.databaseFile());
    app.awaitTermination();
  }

  /**
   * Exits from a thread of its own: the caller (the consumer thread) must return, or the shutdown
   * hook would wait for it while it waits in {@code System.exit}.
   */
  private static void exitOnFatal(Throwable error) {
    log.error("{} stopping on a fatal error: {}", NotificationConfig.SERVICE, error.toString());
    new Thread(() -> System.exit(EXIT_FATAL), "fatal-exit").start();
  }
}
