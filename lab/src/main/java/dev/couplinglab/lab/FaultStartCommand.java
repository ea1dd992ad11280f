package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Start a killed or stopped part again and wait until it is ready. */
@Command(
    mixinStandardHelpOptions = true,
    name = "start",
    description = "Start a killed or stopped part again and wait until it is ready.")
final class FaultStartCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.start(part);
  }
}
