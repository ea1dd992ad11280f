package dev.couplinglab.lab;

import dev.couplinglab.lab.cluster.HealthProbe;
import dev.couplinglab.lab.cluster.Part;
import dev.couplinglab.lab.cluster.Ports;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** One row per part: its pid, whether it runs, what its health check says, where it logs. */
@Command(name = "status", description = "Show the processes and health of the local cluster.")
final class StatusCommand implements Callable<Integer> {

  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(1);

  @ParentCommand private Lab lab;

  @Override
  public Integer call() {
    RunDir run = lab.runDir();
    Ports ports = lab.clusterPorts();
    Table table = new Table("NAME", "PID", "PROCESS", "HEALTH", "ADDRESS", "LOG");
    for (Part part : Part.values()) {
      OptionalLong pid = run.readPid(part);
      table.row(
          part.displayName(),
          pid.isPresent() ? pid.getAsLong() : "-",
          process(ProcessOwnership.state(pid, run.marker())),
          health(part, ports),
          ports.address(part),
          Lab.display(run.log(part)));
    }
    table.print(lab.out());
    return 0;
  }

  private static String process(ProcessOwnership.State state) {
    return switch (state) {
      case OURS -> "alive";
      case DEAD -> "dead";
      case FOREIGN -> "not ours";
      case NONE -> "-";
    };
  }

  private static String health(Part part, Ports ports) {
    if (part == Part.KAFKA) {
      return HealthProbe.tcpReachable(ports.kafka(), PROBE_DEADLINE) ? "up" : "down";
    }
    try (HealthProbe probe = new HealthProbe(ports.address(part))) {
      return probe.check(PROBE_DEADLINE);
    }
  }
}
