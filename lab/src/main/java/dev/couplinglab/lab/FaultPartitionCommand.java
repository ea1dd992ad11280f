package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import picocli.CommandLine.Command;

/** Cut the part off the network (local: iptables drop on its port; compose: network disconnect). */
@Command(
    mixinStandardHelpOptions = true,
    name = "partition",
    description =
        "Cut the part off the network (local: iptables drop on its port; compose: network disconnect).")
final class FaultPartitionCommand extends FaultPartCommand {

  @Override
  String apply(Faults faults, FaultPart part) {
    return faults.partition(part);
  }
}
