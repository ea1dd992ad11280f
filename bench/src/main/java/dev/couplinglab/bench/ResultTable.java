package dev.couplinglab.bench;

import dev.couplinglab.experiment.launch.LaunchPlan;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a run's figures as plain-text tables under one header naming the machine and the floors:
 * the cold part, then the warm part with each target met or not.
 */
final class ResultTable {

  private static final double MIB = 1024.0 * 1024;

  private ResultTable() {}

  /** The first lines of every table: the run's mode and the machine it ran on. */
  static void header(PrintStream out, String mode, Machine before, Machine after) {
    out.printf("%nCoupling Lab benchmark (%s)%n", mode);
    out.printf(
        Locale.ROOT,
        "Machine: %s; load average %.2f at start, %.2f at end%n",
        before.describe(),
        before.loadAverage(),
        after.loadAverage());
  }

  static void print(BenchResult r, PrintStream out) {
    header(out, r.mode(), r.before(), r.after());
    out.printf(
        "Floors (warm): gRPC unary echo p50 %s, p99 %s; Kafka produce->consume p50 %s, p99 %s;"
            + " SQLite commit p50 %s, p99 %s%n",
        ms(r.grpcFloor().p50()),
        ms(r.grpcFloor().p99()),
        ms(r.kafkaFloor().p50()),
        ms(r.kafkaFloor().p99()),
        ms(r.commitFloor().p50()),
        ms(r.commitFloor().p99()));
    out.println(
        "Processes: Kafka and the three services as child JVMs ("
            + String.join(" ", LaunchPlan.jvmFlags())
            + "),");
    out.println(
        "the gRPC echo server as a child JVM, every client in the benchmark's JVM; loopback.");
    ColdTable.print(r.cold(), out);
    warmUp(out, r.warmUp());
    row(out, "FIGURE", "P50", "P99", "P99.9", "N");
    latency(out, "floor: gRPC unary echo", r.grpcFloor());
    latency(out, "floor: Kafka produce->consume", r.kafkaFloor());
    latency(out, "floor: SQLite commit", r.commitFloor());
    latency(out, "unloaded: sync order", r.unloaded().sync());
    latency(out, "unloaded: async accept", r.unloaded().asyncAccept());
    latency(out, "unloaded: async end to end", r.unloaded().asyncEndToEnd());
    latency(out, "unloaded: Reserve alone (sync hop 1)", r.unloaded().reserveAlone());
    latency(out, "unloaded: Notify alone (sync hop 2)", r.unloaded().notifyAlone());
    CompositeFloor composite = r.compositeFloor();
    out.printf(
        "composite floors (sums of this run's p50s): sync %s (%s), async e2e %s (%s)%n",
        ms(composite.syncMicros()),
        CompositeFloor.syncShape(),
        ms(composite.asyncEndToEndMicros()),
        CompositeFloor.asyncShape());
    out.printf(
        "load steps pass while sync p99 < %s and async e2e p99 < %s with no errors%n",
        ms(r.limits().syncP99Micros()), ms(r.limits().asyncEndToEndP99Micros()));
    r.loaded().bestPassing().ifPresent(s -> step(out, "best passing", s));
    r.loaded().firstFailing().ifPresent(s -> step(out, "first failing", s));
    if (!r.loaded().failure().isEmpty()) {
      out.println("  first failing step missed: " + r.loaded().failure());
    }
    out.println();
    out.printf(
        "%-24s %12s %16s%n",
        "RESIDENT MEMORY",
        "AT REST",
        "AT " + r.rssUnderLoadRate() + "/s" + (r.loaded().bestPassing().isPresent() ? "" : " (*)"));
    for (String name : r.rssAtRest().keySet()) {
      out.printf(
          "%-24s %12s %16s%n", name, mib(r.rssAtRest().get(name)), mib(r.rssUnderLoad().get(name)));
    }
    out.printf(
        "%-24s %12s %16s%n",
        "total", mib(BenchResult.total(r.rssAtRest())), mib(BenchResult.total(r.rssUnderLoad())));
    if (r.loaded().bestPassing().isEmpty()) {
      out.println("(*) peak during the first failing step: no step passed");
    }
    cpu(out, r.measuredStep(), r.loaded().bestPassing().isPresent());
    StepCpuTable.print(r.loaded().steps(), out);
    ThreadUse.print(r.measuredStep(), out);
    out.println();
    out.printf("Start to healthy: %.1f s (%s)%n", r.startToHealthySeconds(), healthy(r));
    out.println();
    out.printf("%-38s %10s %10s %5s%n", "TARGET", "VALUE", "LIMIT", "MET");
    for (Targets.Target t : Targets.of(r)) {
      out.printf(
          "%-38s %10s %10s %5s%n",
          t.name(),
          Double.isNaN(t.value())
              ? "none"
              : String.format(Locale.ROOT, "%.2f %s", t.value(), t.unit()),
          t.limit() + " " + t.unit(),
          t.met() ? "yes" : "NO");
    }
    if (r.tracing() != null) {
      TracingRows.print(r.tracing(), out);
    }
    OverloadTable.print(r.overload(), out);
  }

  private static void warmUp(PrintStream out, JitWarmUp.Result w) {
    if (w.settled()) {
      out.printf(Locale.ROOT, "%nWARM: after the JIT settled (took %.0f s)%n", w.seconds());
    } else {
      out.printf(
          Locale.ROOT,
          "%nWARM: after the JIT warm-up (%.0f s), which hit its %.0f s cap NOT settled%n",
          w.seconds(),
          w.capSeconds());
    }
    out.printf(
        Locale.ROOT,
        "Warm-up at %d/s per style in %d-s windows, until in one window the compiler threads of"
            + " each JVM used < %.0f%% of a core:%n",
        w.ratePerStyle(),
        JitWarmUp.WINDOW_SECONDS,
        JitWarmUp.SETTLED_PERCENT);
    for (JitWarmUp.Jvm jvm : w.jvms()) {
      out.printf(
          Locale.ROOT,
          "  %-22s %s (compiler threads %.1f%% of a core in the last window)%n",
          jvm.name(),
          jvm.settled()
              ? String.format(Locale.ROOT, "quiet from %.0f s", jvm.settledAfterSeconds())
              : "not settled",
          jvm.lastWindowPercent());
    }
    out.println();
  }

  private static void latency(PrintStream out, String name, Latency l) {
    row(out, name, ms(l.p50()), ms(l.p99()), ms(l.p999()), Long.toString(l.count()));
  }

  private static void step(PrintStream out, String label, LoadStep.Result s) {
    String prefix = "load " + s.ratePerStyle() + "/s (" + label + "): ";
    latency(out, prefix + "sync", s.sync());
    latency(out, prefix + "async accept", s.asyncAccept());
    latency(out, prefix + "async e2e", s.asyncEndToEnd());
  }

  private static void row(
      PrintStream out, String name, String p50, String p99, String p999, String n) {
    out.printf("%-50s %10s %10s %10s %7s%n", name, p50, p99, p999, n);
  }

  private static String healthy(BenchResult r) {
    StringBuilder s = new StringBuilder();
    for (Map.Entry<String, Double> e : r.healthySeconds().entrySet()) {
      if (s.length() > 0) {
        s.append(", ");
      }
      s.append(String.format(Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue()));
    }
    return s.toString();
  }

  /** Microseconds as milliseconds: "0.27 ms". */
  static String ms(double micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000);
  }

  private static String mib(Long bytes) {
    return bytes == null ? "-" : String.format(Locale.ROOT, "%.0f MiB", bytes / MIB);
  }

  private static void cpuRow(
      PrintStream out,
      LoadStep.Result step,
      String name,
      double seconds,
      double window,
      ContextSwitches.Count switches) {
    out.printf(
        Locale.ROOT,
        "%-24s %12.2f %16.0f %16.1f %16.1f%n",
        name,
        seconds / window,
        step.cpuMicrosPerOrder(seconds),
        step.switchesPerOrder(switches.total()),
        step.switchesPerOrder(switches.nonvoluntary()));
  }

  /** Where the cores went during the step: busy cores and CPU time per order, per process. */
  private static void cpu(PrintStream out, LoadStep.Result step, boolean passed) {
    out.println();
    out.printf(
        "%-24s %12s %16s %16s %16s%n",
        "CPU AT " + step.ratePerStyle() + "/s" + (passed ? "" : " (*)"),
        "CORES BUSY",
        "US PER ORDER",
        "SWITCHES/ORDER",
        "OF THEM INVOL.");
    double window = step.cpuWindowSeconds();
    long totalVoluntary = 0;
    long totalInvoluntary = 0;
    for (Map.Entry<String, Double> e : step.cpuSeconds().entrySet()) {
      ContextSwitches.Count switches =
          step.contextSwitches().getOrDefault(e.getKey(), new ContextSwitches.Count(0, 0));
      totalVoluntary += switches.voluntary();
      totalInvoluntary += switches.nonvoluntary();
      cpuRow(out, step, e.getKey(), e.getValue(), window, switches);
    }
    double total = step.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
    cpuRow(
        out,
        step,
        "total",
        total,
        window,
        new ContextSwitches.Count(totalVoluntary, totalInvoluntary));
    out.printf(
        Locale.ROOT,
        "(over %.1f s from the first send to the last answer; %d orders, both styles)%n",
        window,
        step.syncCompleted() + step.asyncCompleted());
  }
}
