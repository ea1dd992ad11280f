package dev.couplinglab.lab;

import dev.couplinglab.lab.admin.AdminFaults;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** Process and network faults on the local or the compose cluster, and their undoing. */
@Command(
    mixinStandardHelpOptions = true,
    name = "fault",
    description =
        "Kill, stop, start, pause, partition a service or broker; add latency, errors, slow or"
            + " stalled consumers, poison records through a service's admin API; list and clear"
            + " faults.",
    subcommands = {
      FaultKillCommand.class,
      FaultStopCommand.class,
      FaultStartCommand.class,
      FaultRestartCommand.class,
      FaultPauseCommand.class,
      FaultResumeCommand.class,
      FaultPartitionCommand.class,
      FaultHealCommand.class,
      FaultLatencyCommand.class,
      FaultErrorCommand.class,
      FaultSlowConsumerCommand.class,
      FaultStallConsumerCommand.class,
      FaultPoisonCommand.class,
      FaultListCommand.class,
      FaultClearCommand.class
    })
final class FaultCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing a fault command: kill, stop, start, restart, pause, resume, partition, heal,"
            + " latency, error, slow-consumer, stall-consumer, poison, list or clear");
  }

  Lab lab() {
    return lab;
  }

  /** The faults of {@code target}, with their state file. */
  Faults faults(Target target) {
    return lab.faults(target);
  }

  /** The application faults of {@code target}'s services. */
  AdminFaults adminFaults(Target target) {
    return new AdminFaults(lab.adminAccess(target), Clock.systemUTC());
  }
}
