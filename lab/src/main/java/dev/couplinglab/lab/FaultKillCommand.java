package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** SIGKILL the part (compose: docker kill; it stays down). */
@Command(
    mixinStandardHelpOptions = true,
    name = "kill",
    description = "SIGKILL the part (compose: docker kill; it stays down).")
final class FaultKillCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.kill(part);
  }
}
