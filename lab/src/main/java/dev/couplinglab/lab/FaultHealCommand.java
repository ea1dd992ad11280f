package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Undo a partition. */
@Command(mixinStandardHelpOptions = true, name = "heal", description = "Undo a partition.")
final class FaultHealCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.heal(part);
  }
}
