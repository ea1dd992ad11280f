package dev.couplinglab.lab.command;

import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/**
 * Undoes every fault lab applied: resumes, heals, then starts what was killed or stopped; then
 * clears every service's admin faults.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "clear",
    description = "Undo every fault in effect, admin faults included.")
final class FaultClearCommand implements Callable<Integer> {

  @ParentCommand private FaultCommand fault;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    Target chosen = fault.context().target(target.asked());
    Faults faults = fault.faults(chosen);
    int undone = faults.clear(fault.context().out()::println);
    // After the process faults: a resumed or restarted service answers again.
    undone += fault.adminFaults(chosen).clear(fault.context().out()::println);
    fault
        .context()
        .out()
        .println(
            undone == 0
                ? "No faults to clear on " + faults.where() + "."
                : "Cleared "
                    + undone
                    + (undone == 1 ? " fault" : " faults")
                    + " on "
                    + faults.where()
                    + ".");
    return 0;
  }
}
