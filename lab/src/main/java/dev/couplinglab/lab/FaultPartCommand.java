package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** A fault on one part: finds the target and the part, applies the fault, prints one line. */
abstract class FaultPartCommand implements Callable<Integer> {

  @ParentCommand private FaultCommand fault;

  @Mixin private TargetOption target;

  @Parameters(
      paramLabel = "PART",
      description =
          "kafka (local) or kafka-1|kafka-2|kafka-3 (compose), order-service, inventory-service,"
              + " notification-service (or order, inventory, notification)")
  private String part;

  @Override
  public Integer call() {
    Lab lab = fault.lab();
    Target chosen = lab.target(target.asked());
    Faults faults = fault.faults(chosen);
    lab.out().println(apply(faults, FaultPart.parse(part, chosen)));
    return 0;
  }

  /** Applies the fault and returns the line that says what was done. */
  abstract String apply(Faults faults, FaultPart part);

  Lab lab() {
    return fault.lab();
  }
}
