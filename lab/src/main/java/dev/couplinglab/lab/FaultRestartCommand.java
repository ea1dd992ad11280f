package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Stop the part, then start it again. */
@Command(
    mixinStandardHelpOptions = true,
    name = "restart",
    description = "Stop the part, then start it again.")
final class FaultRestartCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.restart(part, lab().out()::println);
  }
}
