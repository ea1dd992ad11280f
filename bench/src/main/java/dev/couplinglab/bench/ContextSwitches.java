package dev.couplinglab.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Context switches of the cluster's processes and of the benchmark's own JVM, summed over their
 * threads from /proc/<pid>/task/<tid>/status ({@code voluntary_ctxt_switches}: the thread blocked
 * or waited; {@code nonvoluntary_ctxt_switches}: the scheduler took the core away). Per order they
 * say how many hand-offs between threads an order costs, which the CPU time alone does not.
 *
 * <p>Known gap: a thread that ends between two readings takes its switches with it (the kernel
 * keeps no per-process total of ended threads in these files), so a delta undercounts a process
 * whose pools shrink during the step; it can even come out negative, and is then shown as 0.
 */
final class ContextSwitches {

  /** Switches of one process at one moment, or used between two readings. */
  record Count(long voluntary, long nonvoluntary) {
    long total() {
      return voluntary + nonvoluntary;
    }
  }

  private ContextSwitches() {}

  /** Each process's switches so far, by name, and this JVM's as {@link CpuTime#CLIENT}. */
  static Map<String, Count> now(List<ChildJvm> processes) {
    Map<String, Count> counts = new LinkedHashMap<>();
    processes.forEach(p -> counts.put(p.name(), of(p.pid())));
    counts.put(CpuTime.CLIENT, of(ProcessHandle.current().pid()));
    return counts;
  }

  /** What each process did between two readings (never below 0, see the class comment). */
  static Map<String, Count> between(Map<String, Count> before, Map<String, Count> after) {
    Map<String, Count> used = new LinkedHashMap<>();
    after.forEach(
        (name, count) -> {
          Count earlier = before.getOrDefault(name, new Count(0, 0));
          used.put(
              name,
              new Count(
                  Math.max(0, count.voluntary() - earlier.voluntary()),
                  Math.max(0, count.nonvoluntary() - earlier.nonvoluntary())));
        });
    return used;
  }

  /** The sum over the live threads of {@code pid}; zeros if the process is gone. */
  static Count of(long pid) {
    long voluntary = 0;
    long nonvoluntary = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir(pid))) {
      for (Path task : tasks) {
        try {
          Count count = ofTask(task);
          voluntary += count.voluntary();
          nonvoluntary += count.nonvoluntary();
        } catch (IOException e) {
          // the thread ended while we listed: its switches are lost (see the class comment)
        }
      }
    } catch (IOException e) {
      return new Count(0, 0);
    }
    return new Count(voluntary, nonvoluntary);
  }

  /** One thread's switches so far, from its {@code /proc/<pid>/task/<tid>} folder. */
  static Count ofTask(Path task) throws IOException {
    long voluntary = 0;
    long nonvoluntary = 0;
    for (String line : Files.readAllLines(task.resolve("status"))) {
      if (line.startsWith("voluntary_ctxt_switches:")) {
        voluntary = value(line);
      } else if (line.startsWith("nonvoluntary_ctxt_switches:")) {
        nonvoluntary = value(line);
      }
    }
    return new Count(voluntary, nonvoluntary);
  }

  static Path taskDir(long pid) {
    return Path.of("/proc", Long.toString(pid), "task");
  }

  private static long value(String line) {
    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
  }
}
