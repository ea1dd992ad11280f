package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Stop the part gracefully (SIGTERM). */
@Command(
    mixinStandardHelpOptions = true,
    name = "stop",
    description = "Stop the part gracefully (SIGTERM).")
final class FaultStopCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.stop(part);
  }
}
