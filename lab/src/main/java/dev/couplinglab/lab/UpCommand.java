package dev.couplinglab.lab;

import dev.couplinglab.lab.cluster.HealthProbe;
import dev.couplinglab.lab.cluster.KafkaProbe;
import dev.couplinglab.lab.cluster.LaunchPlan;
import dev.couplinglab.lab.cluster.Part;
import dev.couplinglab.lab.cluster.PortCheck;
import dev.couplinglab.lab.cluster.Ports;
import dev.couplinglab.lab.cluster.ProcessLauncher;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.logs.LogTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Starts Kafka, then the three services, each as its own JVM that outlives this command, and waits
 * until Kafka answers and every service's gRPC health says SERVING.
 */
@Command(name = "up", description = "Start Kafka and the three services on this machine.")
final class UpCommand implements Callable<Integer> {

  private static final Duration READY_BOUND = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int LOG_LINES_ON_FAILURE = 20;

  @ParentCommand private Lab lab;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    RunDir run = lab.runDir();
    Map<Part, ProcessHandle> running = ProcessOwnership.running(run);
    if (running.size() == Part.values().length) {
      lab.out()
          .println("Cluster already up in " + Lab.display(run.root()) + " (see 'lab status').");
      return 0;
    }
    // Parts still running keep their ports; the rest must join them on the same ones.
    Ports ports = running.isEmpty() ? lab.envPorts() : run.readPorts().orElseGet(lab::envPorts);
    Path home = lab.home();
    requireJars(home);
    requireFreePorts(ports, running);
    run.createDirs();
    run.writeCluster(ports, Instant.now());
    LaunchPlan plan = new LaunchPlan(home, run, ports, javaBinary());
    Map<Part, ProcessHandle> processes = new EnumMap<>(running);
    if (!running.isEmpty()) {
      lab.out().println("Already running: " + names(running.keySet()) + "; starting the rest.");
    }
    if (!running.containsKey(Part.KAFKA)) {
      processes.put(Part.KAFKA, start(plan, run, Part.KAFKA));
      awaitKafka(run, ports, processes.get(Part.KAFKA));
    }
    for (Part service : Part.SERVICES) {
      if (!running.containsKey(service)) {
        processes.put(service, start(plan, run, service));
      }
    }
    awaitServing(run, ports, processes);
    printCluster(run, ports, processes);
    lab.out().println("Cluster healthy in " + Durations.seconds(System.nanoTime() - started));
    return 0;
  }

  private static void requireJars(Path home) {
    for (Part part : Part.values()) {
      if (!Files.isRegularFile(part.jar(home))) {
        throw LabException.failure(
            "missing "
                + part.jar(home)
                + ": build it with ./mvnw -q package -DskipTests (bin/lab does this on first run)");
      }
    }
  }

  private static void requireFreePorts(Ports ports, Map<Part, ProcessHandle> running) {
    for (Part part : Part.values()) {
      if (running.containsKey(part)) {
        continue;
      }
      requireFree(ports.of(part), part.displayName());
      if (part == Part.KAFKA) {
        requireFree(ports.controller(), "kafka controller");
      }
    }
  }

  private static void requireFree(int port, String user) {
    if (!PortCheck.isFree(port)) {
      throw LabException.failure(
          "port "
              + port
              + " (for "
              + user
              + ") is already in use by another program; free it or pick another with "
              + variableFor(user));
    }
  }

  private static String variableFor(String user) {
    return switch (user) {
      case "kafka" -> "LAB_KAFKA_PORT";
      case "kafka controller" -> "LAB_KAFKA_CONTROLLER_PORT";
      case "order-service" -> "LAB_ORDER_PORT";
      case "inventory-service" -> "LAB_INVENTORY_PORT";
      default -> "LAB_NOTIFICATION_PORT";
    };
  }

  private static ProcessHandle start(LaunchPlan plan, RunDir run, Part part) {
    ProcessHandle process =
        ProcessLauncher.launch(plan.command(part), plan.env(part), run.root(), run.log(part));
    run.writePid(part, process.pid());
    return process;
  }

  private void awaitKafka(RunDir run, Ports ports, ProcessHandle kafka) throws IOException {
    Instant deadline = Instant.now().plus(READY_BOUND);
    try (KafkaProbe probe = new KafkaProbe(ports.address(Part.KAFKA))) {
      while (Instant.now().isBefore(deadline)) {
        if (!kafka.isAlive()) {
          failWithLog(run, Part.KAFKA, "kafka exited during start-up");
        }
        if (HealthProbe.tcpReachable(ports.kafka(), POLL) && probe.answers(Duration.ofSeconds(2))) {
          return;
        }
        pause();
      }
    }
    failWithLog(run, Part.KAFKA, "kafka did not answer within " + READY_BOUND.toSeconds() + " s");
  }

  private void awaitServing(RunDir run, Ports ports, Map<Part, ProcessHandle> processes)
      throws IOException {
    Instant deadline = Instant.now().plus(READY_BOUND);
    Map<Part, HealthProbe> probes = new EnumMap<>(Part.class);
    Map<Part, String> health = new EnumMap<>(Part.class);
    try {
      for (Part service : Part.SERVICES) {
        probes.put(service, new HealthProbe(ports.address(service)));
      }
      while (!probes.isEmpty()) {
        for (Part service : List.copyOf(probes.keySet())) {
          if (!processes.get(service).isAlive()) {
            failWithLog(run, service, service + " exited during start-up");
          }
          String status = probes.get(service).check(Duration.ofSeconds(1));
          health.put(service, status);
          if (status.equals("SERVING")) {
            probes.remove(service).close();
          }
        }
        if (!probes.isEmpty() && Instant.now().isAfter(deadline)) {
          Part late = probes.keySet().iterator().next();
          failWithLog(
              run,
              late,
              late
                  + " is "
                  + health.get(late)
                  + " after "
                  + READY_BOUND.toSeconds()
                  + " s (still waiting: "
                  + names(probes.keySet())
                  + ")");
        }
        if (!probes.isEmpty()) {
          pause();
        }
      }
    } finally {
      probes.values().forEach(HealthProbe::close);
    }
  }

  private void failWithLog(RunDir run, Part part, String problem) throws IOException {
    Path log = run.log(part);
    lab.err().println("--- last lines of " + Lab.display(log) + " ---");
    LogTail.read(log, LOG_LINES_ON_FAILURE).lines().forEach(lab.err()::println);
    lab.err().println("---");
    throw LabException.failure(
        problem + "; parts already started keep running: stop them with 'lab down'");
  }

  private void printCluster(RunDir run, Ports ports, Map<Part, ProcessHandle> processes) {
    Table table = new Table("NAME", "PID", "ADDRESS", "LOG");
    for (Part part : Part.values()) {
      table.row(
          part.displayName(),
          processes.get(part).pid(),
          ports.address(part),
          Lab.display(run.log(part)));
    }
    table.print(lab.out());
  }

  private static String names(Collection<Part> parts) {
    return parts.stream().map(Part::displayName).collect(Collectors.joining(", "));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LabException.failure("interrupted");
    }
  }
}
