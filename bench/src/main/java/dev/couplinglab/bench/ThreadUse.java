package dev.couplinglab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CPU time and context switches of each thread of the cluster's processes over a load step, by
 * thread name with the pool's numbers folded ({@code grpc-default-worker-ELG-3-1} and its siblings
 * are one line): which threads an order keeps busy and how often it wakes each, which the process's
 * totals do not say. Read from {@code /proc/<pid>/task/<tid>/{comm,stat,status}}; the kernel keeps
 * 15 characters of a thread's name. A thread that starts or ends inside the step is left out (it
 * has no reading at one end).
 */
final class ThreadUse {

  /** What the threads of one name used between two readings. */
  record Use(double cpuSeconds, long voluntary, long nonvoluntary) {
    Use plus(Use other) {
      return new Use(
          cpuSeconds + other.cpuSeconds,
          voluntary + other.voluntary,
          nonvoluntary + other.nonvoluntary);
    }
  }

  /** One thread at one moment. */
  record Reading(String name, double cpuSeconds, ContextSwitches.Count switches) {}

  private static final int SHOWN = 6;
  private static final Pattern TRAILING_NUMBERS = Pattern.compile("([-#]?[0-9]+)+$");

  private ThreadUse() {}

  /** Every thread of every process now: process name, then thread id. */
  static Map<String, Map<String, Reading>> now(List<ChildJvm> processes) {
    Map<String, Map<String, Reading>> all = new LinkedHashMap<>();
    for (ChildJvm process : processes) {
      all.put(process.name(), of(process.pid()));
    }
    return all;
  }

  /**
   * Each process's threads by folded name, the busiest first, over the two readings (threads in
   * both only).
   */
  static Map<String, Map<String, Use>> between(
      Map<String, Map<String, Reading>> before, Map<String, Map<String, Reading>> after) {
    Map<String, Map<String, Use>> used = new LinkedHashMap<>();
    after.forEach(
        (process, threads) -> {
          Map<String, Reading> earlier = before.getOrDefault(process, Map.of());
          Map<String, Use> byName = new HashMap<>();
          threads.forEach(
              (tid, now) -> {
                Reading then = earlier.get(tid);
                if (then == null) {
                  return;
                }
                Use use =
                    new Use(
                        Math.max(0, now.cpuSeconds() - then.cpuSeconds()),
                        Math.max(0, now.switches().voluntary() - then.switches().voluntary()),
                        Math.max(
                            0, now.switches().nonvoluntary() - then.switches().nonvoluntary()));
                byName.merge(fold(now.name()), use, Use::plus);
              });
          List<Map.Entry<String, Use>> sorted = new ArrayList<>(byName.entrySet());
          sorted.sort(
              Comparator.comparingDouble((Map.Entry<String, Use> e) -> e.getValue().cpuSeconds())
                  .thenComparingLong(e -> e.getValue().voluntary())
                  .reversed());
          Map<String, Use> ordered = new LinkedHashMap<>();
          sorted.forEach(e -> ordered.put(e.getKey(), e.getValue()));
          used.put(process, ordered);
        });
    return used;
  }

  /**
   * A pool's thread name without its trailing numbers ("pool-2-thread-7" is "pool-2-thread",
   * "Thread-3-1" is "Thread"); bench/scripts/thread-cost.sh folds with the same pattern.
   */
  static String fold(String name) {
    return TRAILING_NUMBERS.matcher(name).replaceFirst("");
  }

  /**
   * Prints each process's busiest threads in {@code step}: CPU us and context switches (voluntary /
   * involuntary) per order.
   */
  static void print(LoadStep.Result step, PrintStream out) {
    if (step.threads().isEmpty()) {
      return;
    }
    out.println();
    out.printf(
        "BY THREAD AT %d/s, PER ORDER: CPU us, switches voluntary / involuntary (the %d busiest"
            + " names)%n",
        step.ratePerStyle(), SHOWN);
    step.threads()
        .forEach(
            (process, threads) -> {
              out.println(process);
              threads.entrySet().stream()
                  .limit(SHOWN)
                  .forEach(
                      e ->
                          out.printf(
                              Locale.ROOT,
                              "  %-18s %8.0f us %8.1f / %.1f%n",
                              e.getKey(),
                              step.cpuMicrosPerOrder(e.getValue().cpuSeconds()),
                              step.switchesPerOrder(e.getValue().voluntary()),
                              step.switchesPerOrder(e.getValue().nonvoluntary())));
            });
  }

  private static Map<String, Reading> of(long pid) {
    Map<String, Reading> threads = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(ContextSwitches.taskDir(pid))) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          threads.put(
              task.getFileName().toString(),
              new Reading(
                  name, CpuTime.statSeconds(task.resolve("stat")), ContextSwitches.ofTask(task)));
        } catch (IOException e) {
          // the thread ended while we listed: left out
        }
      }
    } catch (IOException e) {
      // the process is gone: no threads
    }
    return threads;
  }
}
