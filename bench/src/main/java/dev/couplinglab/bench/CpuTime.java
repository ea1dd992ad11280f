package dev.couplinglab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time (user + system) of the cluster's processes and of the benchmark's own JVM (the client),
 * from /proc/<pid>/stat. Where the cores go under load: the figure that says what holds the rate.
 */
final class CpuTime {

  /** The name of the benchmark's own JVM (every client) in the maps below. */
  static final String CLIENT = "bench client";

  /** Linux reports CPU time in clock ticks of 1/100 s on x86 and arm64 kernels. */
  private static final double TICKS_PER_SECOND = 100;

  private CpuTime() {}

  /** CPU seconds used so far by each process, by name, and by this JVM as {@link #CLIENT}. */
  static Map<String, Double> now(List<ChildJvm> processes) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    processes.forEach(p -> seconds.put(p.name(), seconds(p.pid())));
    seconds.put(CLIENT, seconds(ProcessHandle.current().pid()));
    return seconds;
  }

  /** What each process used between two readings. */
  static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> used = new LinkedHashMap<>();
    after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
    return used;
  }

  /** utime + stime of {@code pid} in seconds; 0 if the process is gone. */
  static double seconds(long pid) {
    return statSeconds(Path.of("/proc", Long.toString(pid), "stat"));
  }

  /** utime + stime in seconds from a process's or a thread's stat file; 0 if it is gone. */
  static double statSeconds(Path statFile) {
    try {
      String stat = Files.readString(statFile);
      // The command name (field 2) is in parentheses and may hold spaces: count after it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // fields 14 and 15
      return ticks / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
