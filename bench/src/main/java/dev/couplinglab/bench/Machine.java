package dev.couplinglab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark ran on: CPU count and model, and the load average (1 min) when read. */
record Machine(int cpus, String cpuModel, double loadAverage) {

  static Machine now() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(), readCpuModel(), readLoadAverage());
  }

  static double readLoadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String readCpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(line -> line.startsWith("model name"))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}
