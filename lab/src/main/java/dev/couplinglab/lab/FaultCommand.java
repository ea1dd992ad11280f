package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.ComposeFaults;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.fault.LocalFaults;
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
    description = "Kill, stop, start, pause, partition a service or broker; list and clear faults.",
    subcommands = {
      FaultKillCommand.class,
      FaultStopCommand.class,
      FaultStartCommand.class,
      FaultRestartCommand.class,
      FaultPauseCommand.class,
      FaultResumeCommand.class,
      FaultPartitionCommand.class,
      FaultHealCommand.class,
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
            + " list or clear");
  }

  Lab lab() {
    return lab;
  }

  /** The faults of {@code target}, with their state file. */
  Faults faults(Target target) {
    if (target == Target.COMPOSE) {
      return new ComposeFaults(lab.compose(), lab.composeFaultsFile(), Clock.systemUTC());
    }
    return new LocalFaults(lab.home(), lab.runDir(), lab.shell(), lab.err(), Clock.systemUTC());
  }
}
