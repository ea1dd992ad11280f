package dev.couplinglab.bench;

import dev.couplinglab.contracts.Service;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Kafka and the three services as child JVMs, started from their built jars the way {@code lab up}
 * starts them (same flags, same environment variables), on free loopback ports. All four are
 * launched at once (the services do not wait for Kafka); start-to-healthy ends when Kafka describes
 * its cluster and every service's gRPC health says SERVING.
 */
final class ClusterProcesses implements AutoCloseable {

  static final String KAFKA = "kafka";
  static final String ORDER = Service.ORDER.serviceName();
  static final String INVENTORY = Service.INVENTORY.serviceName();
  static final String NOTIFICATION = Service.NOTIFICATION.serviceName();

  private static final Duration HEALTHY_BOUND = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(50);

  private final List<ChildJvm> processes = new ArrayList<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Double> healthySeconds = new LinkedHashMap<>();
  private double startToHealthySeconds;

  private ClusterProcesses() {}

  /** Starts the four processes and waits until all are healthy; stops them if that fails. */
  static ClusterProcesses start(Path home, Path workDir) {
    ClusterProcesses cluster = new ClusterProcesses();
    try {
      cluster.launch(home, workDir);
      cluster.awaitHealthy();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch(Path home, Path workDir) {
    for (String name : List.of(KAFKA, ORDER, INVENTORY, NOTIFICATION)) {
      ports.put(name, freePort());
    }
    int controllerPort = freePort();
    createDirs(workDir.resolve("logs"));
    Path kafkaData = workDir.resolve("kafka");
    processes.add(
        ChildJvm.start(
            KAFKA,
            List.of(
                "-jar",
                home.resolve("local-kafka/target/local-kafka.jar").toString(),
                kafkaData.toString(),
                Integer.toString(ports.get(KAFKA)),
                Integer.toString(controllerPort)),
            Map.of(),
            workDir,
            log(workDir, KAFKA)));
    for (String service : List.of(ORDER, INVENTORY, NOTIFICATION)) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("GRPC_PORT", Integer.toString(ports.get(service)));
      env.put("DATA_DIR", workDir.resolve("data").resolve(service).toString());
      env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
      env.put("LOG_FORMAT", "text");
      if (service.equals(ORDER)) {
        env.put("INVENTORY_TARGET", "localhost:" + ports.get(INVENTORY));
        env.put("NOTIFICATION_TARGET", "localhost:" + ports.get(NOTIFICATION));
      }
      Path jar = home.resolve(service).resolve("target").resolve(service + ".jar");
      processes.add(
          ChildJvm.start(
              service, List.of("-jar", jar.toString()), env, workDir, log(workDir, service)));
    }
  }

  private void awaitHealthy() {
    long launched = processes.get(0).startedNanos();
    long deadline = launched + HEALTHY_BOUND.toNanos();
    Map<String, ManagedChannel> channels = new LinkedHashMap<>();
    try (Admin admin = kafkaAdmin()) {
      for (String service : List.of(ORDER, INVENTORY, NOTIFICATION)) {
        channels.put(
            service,
            ManagedChannelBuilder.forAddress("localhost", ports.get(service))
                .usePlaintext()
                .build());
      }
      while (healthySeconds.size() < processes.size()) {
        for (ChildJvm p : processes) {
          if (healthySeconds.containsKey(p.name())) {
            continue;
          }
          if (!p.isAlive()) {
            throw new IllegalStateException(p.name() + " exited during start-up (see its log)");
          }
          boolean healthy =
              p.name().equals(KAFKA) ? kafkaAnswers(admin) : serving(channels.get(p.name()));
          if (healthy) {
            healthySeconds.put(p.name(), (System.nanoTime() - launched) / 1e9);
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "not healthy within " + HEALTHY_BOUND.toSeconds() + " s: only " + healthySeconds);
        }
        if (healthySeconds.size() < processes.size()) {
          Pause.millis(POLL.toMillis());
        }
      }
      startToHealthySeconds = (System.nanoTime() - launched) / 1e9;
    } finally {
      channels.values().forEach(ManagedChannel::shutdownNow);
    }
  }

  private static boolean serving(ManagedChannel channel) {
    channel.resetConnectBackoff();
    try {
      return HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(1, TimeUnit.SECONDS)
              .check(HealthCheckRequest.newBuilder().setService("").build())
              .getStatus()
          == ServingStatus.SERVING;
    } catch (StatusRuntimeException e) {
      return false;
    }
  }

  private static boolean kafkaAnswers(Admin admin) {
    try {
      return !admin
          .describeCluster(new DescribeClusterOptions().timeoutMs(1000))
          .nodes()
          .get(1500, TimeUnit.MILLISECONDS)
          .isEmpty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    } catch (Exception e) {
      return false;
    }
  }

  private Admin kafkaAdmin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG,
            "bench-probe",
            AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG,
            50,
            AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG,
            100));
  }

  String bootstrapServers() {
    return "localhost:" + ports.get(KAFKA);
  }

  String target(String service) {
    return "localhost:" + ports.get(service);
  }

  List<ChildJvm> processes() {
    return List.copyOf(processes);
  }

  ChildJvm process(String name) {
    return processes.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** Seconds from launching the first process until each was healthy. */
  Map<String, Double> healthySeconds() {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(healthySeconds));
  }

  double startToHealthySeconds() {
    return startToHealthySeconds;
  }

  /** The services at once (each drains and closes its Kafka clients), then Kafka. */
  @Override
  public void close() {
    List<ChildJvm> services = processes.stream().filter(p -> !p.name().equals(KAFKA)).toList();
    services.forEach(ChildJvm::terminate);
    services.forEach(ChildJvm::close);
    processes.forEach(ChildJvm::close);
  }

  static int freePort() {
    return dev.couplinglab.kafka.FreePorts.next();
  }

  private static Path log(Path workDir, String name) {
    return workDir.resolve("logs").resolve(name + ".log");
  }

  private static void createDirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
