package dev.couplinglab.lab;

import dev.couplinglab.lab.fault.Faults;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Lists the faults lab applied and did not undo, checked against what runs now. */
@Command(
    mixinStandardHelpOptions = true,
    name = "list",
    description = "List the faults in effect, with their age and effect.")
final class FaultListCommand implements Callable<Integer> {

  @ParentCommand private FaultCommand fault;

  @Mixin private TargetOption target;

  @Override
  public Integer call() {
    Faults faults = fault.faults(fault.lab().target(target.asked()));
    List<String> lines = faults.list();
    if (lines.isEmpty()) {
      fault.lab().out().println("No faults applied by lab on " + faults.where() + ".");
    }
    lines.forEach(fault.lab().out()::println);
    return 0;
  }
}
