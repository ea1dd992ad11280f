package dev.couplinglab.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * One real Apache Kafka node in KRaft mode (broker and controller in one process), data in a folder
 * of its own. Used in-process by integration tests and as its own JVM by {@code lab up} (see {@link
 * LocalKafkaMain}). Internal topics have replication 1, since there is one node.
 */
public final class LocalKafka implements AutoCloseable {

  private final KafkaRaftServer server;
  private final int port;

  private LocalKafka(KafkaRaftServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Formats {@code dataDir} on first use (keeping its data on later starts) and starts the node.
   * Returns once the node has started; topics can be created at once.
   */
  public static LocalKafka start(Path dataDir, int port, int controllerPort) {
    Properties props = properties(dataDir, port, controllerPort);
    format(dataDir, props);
    KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
    server.startup();
    return new LocalKafka(server, port);
  }

  /** Starts a node on two free ports; for tests. */
  public static LocalKafka startOnFreePorts(Path dataDir) {
    return start(dataDir, freePort(), freePort());
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public int port() {
    return port;
  }

  static Properties properties(Path dataDir, int port, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put(
        "listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("controller.quorum.bootstrap.servers", "localhost:" + controllerPort);
    p.put("log.dirs", dataDir.resolve("data").toAbsolutePath().toString());
    // One node: every internal topic must fit on it, or consumer groups hang.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.partitions", "3");
    p.put("auto.create.topics.enable", "false");
    // The cleaner's default 128 MiB dedupe buffer is far more than a lab needs.
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    p.put("num.network.threads", "1");
    p.put("num.io.threads", "2");
    return p;
  }

  private static void format(Path dataDir, Properties props) {
    if (Files.exists(dataDir.resolve("data").resolve("meta.properties"))) {
      return; // formatted by an earlier start: keep its cluster id and data
    }
    try {
      Files.createDirectories(dataDir);
      Path config = dataDir.resolve("server.properties");
      try (OutputStream out = Files.newOutputStream(config)) {
        props.store(out, "written by LocalKafka");
      }
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      String clusterId = Uuid.randomUuid().toString();
      int exit =
          StorageTool.execute(
              new String[] {"format", "--standalone", "-t", clusterId, "-c", config.toString()},
              new PrintStream(output, true, StandardCharsets.UTF_8));
      if (exit != 0) {
        throw new IllegalStateException(
            "formatting " + dataDir + " failed: " + output.toString(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    return FreePorts.next();
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
  }
}
