package dev.couplinglab.platform.runtime;

import dev.couplinglab.platform.config.ConfigException;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps a service's {@code main} shares: read the config (a bad value: one line on stderr, exit
 * 2), start (a failure: one ERROR line, exit {@link FatalExit#EXIT_FATAL}), then serve until
 * SIGTERM, whose shutdown hook closes the service.
 */
public final class ServiceProcess {

  /** sysexits EX_USAGE: a setting is bad or missing. */
  public static final int EXIT_CONFIG = 2;

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

  private final String service;

  public ServiceProcess(String service) {
    this.service = service;
  }

  /** The config {@code read} parses, or the process exits naming the bad variable. */
  public <C> C config(Supplier<C> read) {
    try {
      return read.get();
    } catch (ConfigException e) {
      System.err.println(service + ": " + e.getMessage());
      System.exit(EXIT_CONFIG);
      throw e; // not reached
    }
  }

  /** What a part calls on an error no retry can fix: {@link FatalExit#exitProcess}. */
  public Consumer<Throwable> fatalExit() {
    return FatalExit.exitProcess(service);
  }

  /** The started service, or the process exits (start-up has closed what it opened). */
  public <A extends ServiceApp> A start(Callable<A> start) {
    try {
      return start.call();
    } catch (Exception e) {
      log.error("{} failed to start: {}", service, e.toString());
      System.exit(FatalExit.EXIT_FATAL);
      throw new IllegalStateException(e); // not reached
    }
  }

  /**
   * Closes {@code app} on SIGTERM (or on a fatal exit), and blocks until it is closed: gRPC's
   * threads are daemons, so the main thread keeps the process alive.
   */
  public void serveUntilClosed(ServiceApp app) throws InterruptedException {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("{} shutting down", service);
                  app.close();
                },
                "shutdown"));
    app.awaitTermination();
  }
}
