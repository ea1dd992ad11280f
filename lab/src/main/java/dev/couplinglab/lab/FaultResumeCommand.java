package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Unfreeze a paused part (SIGCONT / docker unpause). */
@Command(
    mixinStandardHelpOptions = true,
    name = "resume",
    description = "Unfreeze a paused part (SIGCONT / docker unpause).")
final class FaultResumeCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.resume(part);
  }
}
