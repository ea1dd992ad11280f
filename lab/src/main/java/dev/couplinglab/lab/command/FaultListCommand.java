package dev.couplinglab.lab.command;

import dev.couplinglab.lab.admin.AdminFaults;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Lists the faults lab applied and did not undo, checked against what runs now. */
@Command(
    mixinStandardHelpOptions = true,
    name = "list",
    description =
        "List the faults in effect: process and network ones with their age and effect, the"
            + " services' admin faults with how often they fired.")
final class FaultListCommand implements Callable<Integer> {

  @ParentCommand private FaultCommand fault;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    Target chosen = fault.context().target(target.asked());
    Faults faults = fault.faults(chosen);
    List<String> lines = faults.list();
    AdminFaults.Listing admin = fault.adminFaults(chosen).list();
    if (lines.isEmpty() && admin.faults().isEmpty()) {
      fault.context().out().println("No faults applied by lab on " + faults.where() + ".");
    }
    lines.forEach(fault.context().out()::println);
    admin.faults().forEach(fault.context().out()::println);
    admin.notes().forEach(fault.context().out()::println);
    return 0;
  }
}
