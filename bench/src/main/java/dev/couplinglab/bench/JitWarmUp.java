package dev.couplinglab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Loads the cluster until every JVM's JIT has settled, so that the warm figures measure compiled
 * code and not the compiler. Settled: over one window of {@value #WINDOW_SECONDS} s under the
 * warm-up load, the compiler threads of each JVM (threads whose /proc/<pid>/task/<tid>/comm starts
 * with "C1 CompilerThre" or "C2 CompilerThre") used less than {@value #SETTLED_PERCENT}% of one
 * core, the benchmark's own JVM included. The warm-up stops there, or at a cap (the window under
 * way when the cap is reached runs to its end). A window lasts a little longer than its load: it
 * includes the read-back of its async orders, which is load too.
 *
 * <p>Known gap: a compiler thread that ends during a window (HotSpot retires idle extra ones) takes
 * its CPU time with it, so that window reads quieter than it was; on two cores each JVM has one C1
 * and one C2 thread, which stay.
 */
final class JitWarmUp {

  static final int WINDOW_SECONDS = 10;
  static final double SETTLED_PERCENT = 2;

  /**
   * One JVM's warm-up: {@code settledAfterSeconds} is when the run of quiet windows it ended in
   * began (NaN if its last window was not quiet); {@code lastWindowPercent} is its compiler
   * threads' share of one core in the last window.
   */
  record Jvm(String name, boolean settled, double settledAfterSeconds, double lastWindowPercent) {}

  /** The whole warm-up: how long it took and whether every JVM settled before the cap. */
  record Result(
      int ratePerStyle, double seconds, double capSeconds, boolean settled, List<Jvm> jvms) {}

  private JitWarmUp() {}

  static Result run(
      OrderClient client, int rate, Duration cap, List<ChildJvm> processes, PrintStream progress) {
    Map<String, Long> pids = new LinkedHashMap<>();
    processes.forEach(p -> pids.put(p.name(), p.pid()));
    pids.put(CpuTime.CLIENT, ProcessHandle.current().pid());
    Map<String, Double> quietSince = new LinkedHashMap<>();
    Map<String, Double> lastPercent = new LinkedHashMap<>();
    long start = System.nanoTime();
    double elapsed = 0;
    boolean settled = false;
    while (!settled && elapsed < cap.toSeconds()) {
      Map<String, Double> before = compilerSeconds(pids);
      long windowStart = System.nanoTime();
      LoadStep.Result step =
          LoadStep.run(client, rate, Duration.ofSeconds(WINDOW_SECONDS), processes);
      double window = (System.nanoTime() - windowStart) / 1e9;
      Map<String, Double> after = compilerSeconds(pids);
      double windowFrom = elapsed;
      elapsed = (System.nanoTime() - start) / 1e9;
      settled = true;
      for (String name : pids.keySet()) {
        double percent = Math.max(0, after.get(name) - before.get(name)) / window * 100;
        lastPercent.put(name, percent);
        if (percent < SETTLED_PERCENT) {
          quietSince.putIfAbsent(name, windowFrom);
        } else {
          quietSince.remove(name);
          settled = false;
        }
      }
      progress.printf(
          Locale.ROOT,
          "  %4.0f s: compiler threads' share of a core %s | sync p99 %s | errors %d%n",
          elapsed,
          percents(lastPercent),
          ResultTable.ms(step.sync().p99()),
          step.errorCount());
    }
    List<Jvm> jvms = new ArrayList<>();
    for (String name : pids.keySet()) {
      Double since = quietSince.get(name);
      jvms.add(
          new Jvm(name, since != null, since == null ? Double.NaN : since, lastPercent.get(name)));
    }
    return new Result(rate, elapsed, cap.toSeconds(), settled, jvms);
  }

  private static String percents(Map<String, Double> percent) {
    List<String> parts = new ArrayList<>();
    percent.forEach((name, p) -> parts.add(String.format(Locale.ROOT, "%s %.1f%%", name, p)));
    return String.join(", ", parts);
  }

  /** CPU seconds the compiler threads of each JVM used so far. */
  private static Map<String, Double> compilerSeconds(Map<String, Long> pids) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    pids.forEach((name, pid) -> seconds.put(name, compilerSeconds(pid)));
    return seconds;
  }

  static double compilerSeconds(long pid) {
    double seconds = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(ContextSwitches.taskDir(pid))) {
      for (Path task : tasks) {
        try {
          String comm = Files.readString(task.resolve("comm"));
          if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            seconds += CpuTime.statSeconds(task.resolve("stat"));
          }
        } catch (IOException e) {
          // the thread ended while we listed (see the class comment)
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return seconds;
  }
}
