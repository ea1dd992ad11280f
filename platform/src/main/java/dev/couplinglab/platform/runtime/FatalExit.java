package dev.couplinglab.platform.runtime;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a service does when a part stops for good (the Kafka consumer or the outbox relay, on a
 * Kafka error that no retry can fix): log one ERROR line naming the service and the error, then, in
 * a process, exit non-zero. The exit runs on a thread of its own and the failing thread returns: a
 * consumer or gRPC thread that called {@code System.exit} itself would wait there for the shutdown
 * hook, while the hook waits for that thread to stop.
 */
public final class FatalExit {

  /** sysexits EX_SOFTWARE: the service cannot go on. */
  public static final int EXIT_FATAL = 70;

  private static final Logger log = LoggerFactory.getLogger(FatalExit.class);

  private FatalExit() {}

  /** Logs the error and exits the JVM with {@link #EXIT_FATAL}, once, off the calling thread. */
  public static Consumer<Throwable> exitProcess(String service) {
    AtomicBoolean exiting = new AtomicBoolean();
    return error -> {
      log.error("{} cannot go on, exiting: {}", service, error.toString());
      if (exiting.compareAndSet(false, true)) {
        exitOffThisThread(EXIT_FATAL);
      }
    };
  }

  /**
   * Logs the error and leaves the service running without the failed part (in-process clusters and
   * tests): its gRPC API keeps serving.
   */
  public static Consumer<Throwable> logOnly(String service) {
    return error -> log.error("{}: a part stopped for good: {}", service, error.toString());
  }

  /** {@code System.exit(status)} from a new thread, so the caller returns and can be joined. */
  static void exitOffThisThread(int status) {
    new Thread(() -> System.exit(status), "fatal-exit").start();
  }
}
