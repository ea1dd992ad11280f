package dev.couplinglab.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints, for every load step, each process's CPU microseconds and context switches per order: how
 * the cost of an order changes as the rate climbs (batching makes it fall, queueing and preemption
 * make it rise).
 */
final class StepCpuTable {

  private StepCpuTable() {}

  static void print(List<LoadStep.Result> steps, PrintStream out) {
    if (steps.isEmpty()) {
      return;
    }
    List<String> names = new ArrayList<>(steps.get(0).cpuSeconds().keySet());
    out.println();
    out.println(
        "EACH STEP, PER ORDER: CPU us / context switches (voluntary + involuntary), per process");
    StringBuilder header = new StringBuilder(String.format("%-8s", "STEP"));
    names.forEach(name -> header.append(String.format(" %13s", shortName(name))));
    header.append(String.format(" %13s", "total"));
    out.println(header);
    for (LoadStep.Result step : steps) {
      StringBuilder row = new StringBuilder(String.format("%-8s", step.ratePerStyle() + "/s"));
      double cpuTotal = 0;
      long switchesTotal = 0;
      for (String name : names) {
        double cpu = step.cpuSeconds().getOrDefault(name, 0.0);
        long switches = switches(step.contextSwitches(), name);
        cpuTotal += cpu;
        switchesTotal += switches;
        row.append(cell(step, cpu, switches));
      }
      row.append(cell(step, cpuTotal, switchesTotal));
      out.println(row);
    }
  }

  private static String cell(LoadStep.Result step, double cpuSeconds, long switches) {
    return String.format(
        Locale.ROOT,
        " %13s",
        String.format(
            Locale.ROOT,
            "%.0f / %.1f",
            step.cpuMicrosPerOrder(cpuSeconds),
            step.switchesPerOrder(switches)));
  }

  private static long switches(Map<String, ContextSwitches.Count> counts, String name) {
    ContextSwitches.Count count = counts.get(name);
    return count == null ? 0 : count.total();
  }

  /** "order-service" as "order", "bench client" as "client": the columns stay narrow. */
  private static String shortName(String name) {
    return name.replace("-service", "").replace("bench ", "");
  }
}
