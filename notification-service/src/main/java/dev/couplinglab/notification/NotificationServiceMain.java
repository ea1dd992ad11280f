package dev.couplinglab.notification;

import dev.couplinglab.platform.config.Env;
import dev.couplinglab.platform.runtime.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs notification-service: config from the environment, then {@link NotificationApp}. */
public final class NotificationServiceMain {

  private static final Logger log = LoggerFactory.getLogger(NotificationServiceMain.class);

  private NotificationServiceMain() {}

  public static void main(String[] args) throws InterruptedException {
    ServiceProcess process = new ServiceProcess(NotificationConfig.SERVICE);
    NotificationConfig config = process.config(() -> NotificationConfig.fromEnv(Env.system()));
    NotificationApp app = process.start(() -> NotificationApp.start(config, process.fatalExit()));
    log.info(
        "{} listening on gRPC port {} of {}, data in {}",
        NotificationConfig.SERVICE,
        app.grpcPort(),
        config.settings().grpcBindAddress(),
        config.databaseFile());
    process.serveUntilClosed(app);
  }
}
