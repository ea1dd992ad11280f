package dev.couplinglab.bench;

import dev.couplinglab.experiment.launch.LaunchPlan;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.experiment.launch.RunLayout;
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
 * Kafka and the three services as child JVMs, started from their built jars by the lab's launch
 * description ({@link LaunchPlan}: the command lines and environment of {@code lab up}, admin token
 * included), on free loopback ports. All four are launched at once (the services do not wait for
 * Kafka); start-to-healthy ends when Kafka describes its cluster and every service's gRPC health
 * says SERVING.
 */
final class ClusterProcesses implements AutoCloseable {

  private static final Duration HEALTHY_BOUND = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(50);

  private final List<ChildJvm> processes = new ArrayList<>();
  private Ports ports;
  private final Map<String, Double> healthySeconds = new LinkedHashMap<>();
  private double startToHealthySeconds;

  private ClusterProcesses() {}

  /** Starts the four processes and waits until all are healthy; stops them if that fails. */
  static ClusterProcesses start(Path home, Path workDir) {
    return start(home, workDir, Map.of());
  }

  /**
   * As {@link #start(Path, Path)}, each service with {@code serviceEnv} on top of the launch plan's
   * variables (e.g. {@code OTEL_TRACES_SAMPLER}, {@code GRPC_QUEUE_LIMIT_MS}).
   */
  static ClusterProcesses start(Path home, Path workDir, Map<String, String> serviceEnv) {
    ClusterProcesses cluster = new ClusterProcesses();
    try {
      cluster.launch(home, workDir, serviceEnv);
      cluster.awaitHealthy();
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private void launch(Path home, Path workDir, Map<String, String> serviceEnv) {
    ports = new Ports(freePort(), freePort(), freePort(), freePort(), freePort());
    // One set of class-data archives for all clusters of a benchmark run, beside their folders:
    // the first cluster records them when it stops, later ones map them, as every lab up after
    // the first does (ColdRun records them first).
    RunLayout run = new RunLayout(workDir, workDir.resolveSibling("cds"));
    createDirs(run.logsDir());
    createDirs(run.classArchiveDir());
    LaunchPlan plan =
        new LaunchPlan(home, run, ports, LaunchPlan.currentJava(), LaunchPlan.newAdminToken());
    for (Part part : Part.values()) {
      Map<String, String> env = new LinkedHashMap<>(plan.env(part));
      if (part.isService()) {
        env.putAll(serviceEnv);
      }
      processes.add(
          ChildJvm.start(part.displayName(), plan.command(part), env, workDir, run.log(part)));
    }
  }

  private void awaitHealthy() {
    long launched = processes.get(0).startedNanos();
    long deadline = launched + HEALTHY_BOUND.toNanos();
    Map<String, ManagedChannel> channels = new LinkedHashMap<>();
    try (Admin admin = kafkaAdmin()) {
      for (Part service : Part.SERVICES) {
        channels.put(
            service.displayName(),
            ManagedChannelBuilder.forTarget(ports.address(service)).usePlaintext().build());
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
              p.name().equals(Part.KAFKA.displayName())
                  ? kafkaAnswers(admin)
                  : serving(channels.get(p.name()));
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
    return ports.address(Part.KAFKA);
  }

  /** Where {@code service} answers gRPC, as host:port. */
  String address(Part service) {
    return ports.address(service);
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
    List<ChildJvm> services =
        processes.stream().filter(p -> !p.name().equals(Part.KAFKA.displayName())).toList();
    services.forEach(ChildJvm::terminate);
    services.forEach(ChildJvm::close);
    processes.forEach(ChildJvm::close);
  }

  static int freePort() {
    return dev.couplinglab.kafka.FreePorts.next();
  }

  private static void createDirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
