package dev.couplinglab.lab.command;

import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.admin.AdminFaults;
import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Process and network faults on the local or the compose cluster, and their undoing. The faults on
 * one part (kill, stop, start, restart, pause, resume, partition, heal) are the methods below, one
 * line each; the application faults, which take options of their own, are classes.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "fault",
    description =
        "Kill, stop, start, pause, partition a service or broker; add latency, errors, slow or"
            + " stalled consumers, poison records through a service's admin API; list and clear"
            + " faults.",
    subcommands = {
      FaultLatencyCommand.class,
      FaultErrorCommand.class,
      FaultSlowConsumerCommand.class,
      FaultStallConsumerCommand.class,
      FaultPoisonCommand.class,
      FaultListCommand.class,
      FaultClearCommand.class
    })
public final class FaultCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Spec private CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing a fault command: kill, stop, start, restart, pause, resume, partition, heal,"
            + " latency, error, slow-consumer, stall-consumer, poison, list or clear");
  }

  private static final String PART =
      "kafka (local) or kafka-1|kafka-2|kafka-3 (compose), order-service, inventory-service,"
          + " notification-service (or order, inventory, notification)";

  @Command(
      name = "kill",
      mixinStandardHelpOptions = true,
      description = "SIGKILL the part (compose: docker kill; it stays down).")
  int kill(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::kill);
  }

  @Command(
      name = "stop",
      mixinStandardHelpOptions = true,
      description = "Stop the part gracefully (SIGTERM).")
  int stop(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::stop);
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a killed or stopped part again and wait until it is ready.")
  int start(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::start);
  }

  @Command(
      name = "restart",
      mixinStandardHelpOptions = true,
      description = "Stop the part, then start it again.")
  int restart(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, (faults, p) -> faults.restart(p, lab.context().out()::println));
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description =
          "Freeze the part (SIGSTOP / docker pause): it accepts TCP, then answers nothing.")
  int pause(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::pause);
  }

  @Command(
      name = "resume",
      mixinStandardHelpOptions = true,
      description = "Unfreeze a paused part (SIGCONT / docker unpause).")
  int resume(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::resume);
  }

  @Command(
      name = "partition",
      mixinStandardHelpOptions = true,
      description =
          "Cut the part off the network (local: iptables drop on its port; compose: network"
              + " disconnect).")
  int partition(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::partition);
  }

  @Command(name = "heal", mixinStandardHelpOptions = true, description = "Undo a partition.")
  int heal(
      @Mixin TargetOption target,
      @Parameters(paramLabel = "PART", description = PART) String part) {
    return onPart(target, part, Faults::heal);
  }

  /**
   * Finds the target and the part, applies the fault, prints the one line that says what it did.
   */
  private int onPart(
      TargetOption target, String part, BiFunction<Faults, FaultPart, String> fault) {
    Target chosen = lab.context().target(target.asked());
    lab.context().out().println(fault.apply(faults(chosen), FaultPart.parse(part, chosen)));
    return 0;
  }

  LabContext context() {
    return lab.context();
  }

  /** The faults of {@code target}, with their state file. */
  Faults faults(Target target) {
    return lab.context().faults(target);
  }

  /** The application faults of {@code target}'s services. */
  AdminFaults adminFaults(Target target) {
    return new AdminFaults(lab.context().adminAccess(target), Clock.systemUTC());
  }
}
