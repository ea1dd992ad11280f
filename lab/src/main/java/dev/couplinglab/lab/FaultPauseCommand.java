package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Freeze the part (SIGSTOP / docker pause): it accepts TCP, then answers nothing. */
@Command(
    mixinStandardHelpOptions = true,
    name = "pause",
    description = "Freeze the part (SIGSTOP / docker pause): it accepts TCP, then answers nothing.")
final class FaultPauseCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.pause(part);
  }
}
