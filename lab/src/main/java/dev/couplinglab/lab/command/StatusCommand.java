package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.cluster.HealthProbe;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.compose.ComposeCommands;
import dev.couplinglab.lab.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * One row per part of the cluster: its pid, whether it runs, what its health check says, where it
 * logs. Under each service that answers, one row per part of it (API, outbox relay, consumers) with
 * that part's own health ({@link HealthNames}): a service can serve its API while its Kafka side is
 * down.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "status",
    description = "Show the processes (local) or containers (compose) and their health.")
public final class StatusCommand implements Callable<Integer> {

  private static final Duration SLOW_PATIENCE = Duration.ofSeconds(4);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(1);

  @ParentCommand private Lab lab;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    if (lab.context().target(target.asked()) == Target.COMPOSE) {
      return composeStatus();
    }
    RunDir run = lab.context().runDir();
    Ports ports = lab.context().clusterPorts();
    Table table = new Table("NAME", "PID", "PROCESS", "HEALTH", "ADDRESS", "LOG");
    for (Part part : Part.values()) {
      OptionalLong pid = run.readPid(part);
      String health;
      List<String[]> parts = List.of();
      if (part == Part.KAFKA) {
        health = HealthProbe.tcpReachable(ports.kafka(), PROBE_DEADLINE) ? "up" : "down";
      } else {
        try (HealthProbe probe = new HealthProbe(ports.address(part))) {
          health = probe.check(PROBE_DEADLINE, SLOW_PATIENCE, ports.of(part));
          parts = partRows(probe, part.displayName(), health);
        }
      }
      table.row(
          part.displayName(),
          pid.isPresent() ? pid.getAsLong() : "-",
          process(ProcessOwnership.state(pid, run.marker()), pid),
          health,
          ports.address(part),
          PathText.display(run.log(part)));
      for (String[] row : parts) {
        table.row(row[0], "", "", row[1], "", "");
      }
    }
    table.print(lab.context().out());
    return 0;
  }

  /** One row per container of the compose project, as docker sees it. */
  private int composeStatus() {
    List<Compose.Row> rows = lab.context().compose().rows();
    if (rows.isEmpty()) {
      throw LabException.failure(
          "compose project "
              + ComposeCommands.PROJECT
              + " has no containers: start it with 'docker compose up -d'");
    }
    Table table = new Table("NAME", "CONTAINER", "STATE", "HEALTH", "ADDRESS");
    for (Compose.Row row : rows) {
      table.row(
          row.service(),
          row.container(),
          row.state(),
          row.health().isEmpty() ? "-" : row.health(),
          Compose.address(row.service()));
      if (HealthNames.PARTS.containsKey(row.service()) && row.state().equals("running")) {
        try (HealthProbe probe = new HealthProbe(Compose.address(row.service()))) {
          for (String[] part : partRows(probe, row.service(), probe.check(PROBE_DEADLINE))) {
            table.row(part[0], "", "", part[1], "");
          }
        }
      }
    }
    table.print(lab.context().out());
    return 0;
  }

  private static String process(ProcessOwnership.State state, OptionalLong pid) {
    if (state == ProcessOwnership.State.OURS && ProcessOwnership.isStopped(pid.getAsLong())) {
      return "paused";
    }
    return process(state);
  }

  private static String process(ProcessOwnership.State state) {
    return switch (state) {
      case OURS -> "alive";
      case DEAD -> "dead";
      case FOREIGN -> "not ours";
      case NONE -> "-";
    };
  }

  /**
   * The rows of a service's parts, each {label, health}, if the service answered its overall check
   * (a service that does not answer cannot say how its parts are).
   */
  static List<String[]> partRows(HealthProbe probe, String service, String overall) {
    if (!overall.startsWith("SERVING") && !overall.startsWith("NOT_SERVING")) {
      return List.of();
    }
    return HealthNames.PARTS.getOrDefault(service, List.of()).stream()
        .map(name -> new String[] {"  " + label(name), probe.part(name, PROBE_DEADLINE)})
        .toList();
  }

  /** "api" for the gRPC API, else the name after its service: "relay", "consumer inventory". */
  static String label(String healthName) {
    String[] words = healthName.split("\\.");
    if (words.length < 3 || words[1].equals("v1")) {
      return "api";
    }
    return String.join(" ", List.of(words).subList(2, words.length));
  }
}
