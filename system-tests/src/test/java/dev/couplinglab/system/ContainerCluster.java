package dev.couplinglab.system;

import com.github.dockerjava.api.model.ExposedPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * Three Kafka brokers (KRaft, broker and controller each) and the three services, from the same
 * images and with the same environment as {@code docker-compose.yml}, on one Docker network. The
 * service images are built from the jars of this build, so the tests always run the current code.
 * Each container's output goes to its own file under {@code target/container-logs/} ({@link
 * ContainerLogs}).
 */
final class ContainerCluster implements AutoCloseable {

  static final Map<String, Integer> SERVICE_PORTS =
      Map.of("order-service", 15051, "inventory-service", 15052, "notification-service", 15053);

  private final Network network = Network.newNetwork();
  final List<GenericContainer<?>> brokers;
  final GenericContainer<?> inventory;
  final GenericContainer<?> notification;
  final GenericContainer<?> order;

  ContainerCluster() {
    brokers = Stream.of(1, 2, 3).map(this::broker).toList();
    inventory = service("inventory-service", Map.of());
    notification = service("notification-service", Map.of());
    order =
        service(
            "order-service",
            Map.of(
                "INVENTORY_TARGET", "inventory-service:15052",
                "NOTIFICATION_TARGET", "notification-service:15053"));
  }

  ContainerCluster start() {
    brokers.parallelStream().forEach(GenericContainer::start);
    Stream.of(inventory, notification).parallel().forEach(GenericContainer::start);
    order.start();
    return this;
  }

  /**
   * host:port of a service's gRPC server as seen from the test, read from the engine each time: a
   * container restarted by a test gets new host ports, which Testcontainers does not track.
   */
  static String target(GenericContainer<?> service, String name) {
    var ports =
        DockerClientFactory.instance()
            .client()
            .inspectContainerCmd(service.getContainerId())
            .exec()
            .getNetworkSettings()
            .getPorts()
            .getBindings()
            .get(ExposedPort.tcp(SERVICE_PORTS.get(name)));
    return service.getHost() + ":" + ports[0].getHostPortSpec();
  }

  private GenericContainer<?> broker(int node) {
    Map<String, String> env = new HashMap<>();
    env.put("CLUSTER_ID", "cpLab3NodeKRaftClstr0g");
    env.put("KAFKA_NODE_ID", String.valueOf(node));
    env.put("KAFKA_PROCESS_ROLES", "broker,controller");
    env.put("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093");
    env.put("KAFKA_LISTENERS", "INTERNAL://:9092,CONTROLLER://:9093");
    env.put("KAFKA_ADVERTISED_LISTENERS", "INTERNAL://kafka-" + node + ":9092");
    env.put("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER");
    env.put("KAFKA_INTER_BROKER_LISTENER_NAME", "INTERNAL");
    env.put("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP", "INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT");
    env.put("KAFKA_LOG_DIRS", "/var/lib/kafka/data");
    env.put("KAFKA_NUM_PARTITIONS", "3");
    env.put("KAFKA_DEFAULT_REPLICATION_FACTOR", "3");
    env.put("KAFKA_MIN_INSYNC_REPLICAS", "2");
    env.put("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3");
    env.put("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3");
    env.put("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
    env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR", "3");
    env.put("KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR", "2");
    env.put("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    env.put("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
    env.put("KAFKA_LOG_CLEANER_DEDUPE_BUFFER_SIZE", "8388608");
    env.put("KAFKA_HEAP_OPTS", "-Xmx256m -Xms256m");
    // Broker INFO lines (partition by partition) would drown the services' lines in test output.
    env.put("KAFKA_LOG4J_ROOT_LOGLEVEL", "WARN");
    return new GenericContainer<>(DockerImageName.parse(LocalImages.KAFKA))
        .withNetwork(network)
        .withNetworkAliases("kafka-" + node)
        .withCreateContainerCmdModifier(cmd -> cmd.withHostName("kafka-" + node))
        .withEnv(env)
        .withExposedPorts(9092)
        .withLogConsumer(ContainerLogs.to("kafka-" + node))
        .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(2)));
  }

  private GenericContainer<?> service(String name, Map<String, String> extraEnv) {
    int port = SERVICE_PORTS.get(name);
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("GRPC_PORT", String.valueOf(port));
    env.put("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092,kafka-2:9092,kafka-3:9092");
    env.put("KAFKA_TOPIC_REPLICATION", "3");
    env.put("KAFKA_TOPIC_MIN_ISR", "2");
    // Short sync deadlines keep the outage phase of the tests short.
    env.put("INVENTORY_DEADLINE_MS", "1000");
    env.put("NOTIFICATION_DEADLINE_MS", "1000");
    return new GenericContainer<>(image(name))
        .withNetwork(network)
        .withNetworkAliases(name)
        .withEnv(env)
        .withExposedPorts(port)
        .withLogConsumer(ContainerLogs.to(name))
        .waitingFor(
            Wait.forLogMessage(".*listening on gRPC port.*", 1)
                .withStartupTimeout(Duration.ofMinutes(2)));
  }

  /** The image docker compose would build for {@code service}, from this build's jars. */
  private static ImageFromDockerfile image(String service) {
    Path home = Path.of(System.getProperty("couplinglab.home", "..")).toAbsolutePath().normalize();
    Path jar = home.resolve(service).resolve("target").resolve(service + ".jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(
          jar + " is missing: run ./mvnw verify from the repository root");
    }
    return new ImageFromDockerfile("couplinglab/" + service + ":system-test", false)
        .withFileFromPath("Dockerfile", home.resolve("docker/service/Dockerfile"))
        .withFileFromPath(
            "docker/service/grpc-health.sh", home.resolve("docker/service/grpc-health.sh"))
        .withFileFromPath(service + "/target/" + service + ".jar", jar)
        .withFileFromPath(service + "/target/lib", jar.resolveSibling("lib"))
        .withBuildArg("SERVICE", service)
        .withBuildArg("GRPC_PORT", String.valueOf(SERVICE_PORTS.get(service)))
        .withBuildArg("BASE_IMAGE", LocalImages.resolve(LocalImages.JRE));
  }

  @Override
  public void close() {
    Stream.of(order, inventory, notification).forEach(GenericContainer::stop);
    brokers.forEach(GenericContainer::stop);
    network.close();
  }
}
