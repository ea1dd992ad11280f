package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.cluster.LocalStarter;
import dev.couplinglab.lab.cluster.PortCheck;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Starts Kafka, then the three services, each as its own JVM that outlives this command, and waits
 * until Kafka answers and every service's gRPC health says SERVING.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "up",
    description = "Start Kafka and the three services on this machine.")
public final class UpCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    RunDir run = lab.context().runDir();
    Map<Part, ProcessHandle> running = ProcessOwnership.running(run);
    if (running.size() == Part.values().length) {
      lab.context()
          .out()
          .println(
              "Cluster already up in " + PathText.display(run.root()) + " (see 'lab status').");
      return 0;
    }
    // Parts still running keep their ports; the rest must join them on the same ones.
    Ports ports =
        running.isEmpty()
            ? lab.context().envPorts()
            : run.readPorts().orElseGet(lab.context()::envPorts);
    LocalStarter starter = new LocalStarter(lab.context().home(), run, ports, lab.context().err());
    for (Part part : Part.values()) {
      starter.requireJar(part);
    }
    requireFreePorts(ports, running);
    run.createDirs();
    run.writeCluster(ports, Instant.now());
    List<Part> recording =
        Arrays.stream(Part.values())
            .filter(part -> !running.containsKey(part) && !starter.hasClassArchive(part))
            .toList();
    Map<Part, ProcessHandle> processes = new EnumMap<>(running);
    if (!running.isEmpty()) {
      lab.context()
          .out()
          .println(
              "Already running: " + LocalStarter.names(running.keySet()) + "; starting the rest.");
    }
    if (!running.containsKey(Part.KAFKA)) {
      processes.put(Part.KAFKA, starter.launch(Part.KAFKA));
      starter.awaitKafka(processes.get(Part.KAFKA));
    }
    for (Part service : Part.SERVICES) {
      if (!running.containsKey(service)) {
        processes.put(service, starter.launch(service));
      }
    }
    starter.awaitServing(processes);
    printCluster(run, ports, processes);
    lab.context()
        .out()
        .println("Cluster healthy in " + Durations.seconds(System.nanoTime() - started));
    if (!recording.isEmpty()) {
      lab.context()
          .out()
          .println(
              "First start of "
                  + LocalStarter.names(recording)
                  + " from these jars: each records the classes it loaded when it stops (lab"
                  + " down), and later starts map them (AppCDS), a few seconds faster.");
    }
    return 0;
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

  private void printCluster(RunDir run, Ports ports, Map<Part, ProcessHandle> processes) {
    Table table = new Table("NAME", "PID", "ADDRESS", "LOG");
    for (Part part : Part.values()) {
      table.row(
          part.displayName(),
          processes.get(part).pid(),
          ports.address(part),
          PathText.display(run.log(part)));
    }
    table.print(lab.context().out());
  }
}
