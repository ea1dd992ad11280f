package dev.couplinglab.kafka;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link LocalKafka} as its own process: {@code LocalKafkaMain <data-dir> <port>
 * <controller-port>}. Stops cleanly on SIGTERM.
 */
public final class LocalKafkaMain {

  private static final Logger log = LoggerFactory.getLogger(LocalKafkaMain.class);

  private LocalKafkaMain() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: LocalKafkaMain <data-dir> <port> <controller-port>");
      System.exit(2);
    }
    Path dataDir = Path.of(args[0]);
    int port = Integer.parseInt(args[1]);
    int controllerPort = Integer.parseInt(args[2]);
    long started = System.nanoTime();
    LocalKafka kafka = LocalKafka.start(dataDir, port, controllerPort);
    log.info(
        "Kafka (KRaft, one node) listening on {} in {} ms, data in {}",
        kafka.bootstrapServers(),
        (System.nanoTime() - started) / 1_000_000,
        dataDir.toAbsolutePath());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("Stopping Kafka");
                  kafka.close();
                },
                "kafka-shutdown"));
  }
}
