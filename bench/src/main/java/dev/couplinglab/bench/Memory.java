package dev.couplinglab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory (VmRSS from /proc/<pid>/status) of the cluster's processes: a snapshot, or the
 * peak seen by a sampler while a load step runs.
 */
final class Memory implements AutoCloseable {

  private static final long SAMPLE_MILLIS = 250;

  private final List<ChildJvm> processes;
  private final Map<String, Long> peak = new LinkedHashMap<>();
  private final ScheduledExecutorService sampler =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread t = new Thread(task, "rss-sampler");
            t.setDaemon(true);
            return t;
          });

  private Memory(List<ChildJvm> processes) {
    this.processes = processes;
  }

  /** Starts sampling every 250 ms until closed; {@link #peak()} is the highest seen per process. */
  static Memory sample(List<ChildJvm> processes) {
    Memory memory = new Memory(processes);
    memory.sampleOnce();
    memory.sampler.scheduleAtFixedRate(
        memory::sampleOnce, SAMPLE_MILLIS, SAMPLE_MILLIS, TimeUnit.MILLISECONDS);
    return memory;
  }

  /** Each process's resident bytes now, by name. */
  static Map<String, Long> snapshot(List<ChildJvm> processes) {
    Map<String, Long> rss = new LinkedHashMap<>();
    processes.forEach(p -> rss.put(p.name(), p.rssBytes()));
    return rss;
  }

  synchronized Map<String, Long> peak() {
    return new LinkedHashMap<>(peak);
  }

  private synchronized void sampleOnce() {
    for (ChildJvm p : processes) {
      peak.merge(p.name(), p.rssBytes(), Math::max);
    }
  }

  @Override
  public void close() {
    sampler.shutdownNow();
    sampleOnce();
  }

  /** VmRSS of {@code pid} in bytes; 0 if the process is gone. */
  static long rssBytes(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).replace("kB", "").trim();
          return Long.parseLong(kb) * 1024;
        }
      }
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
