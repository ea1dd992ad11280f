package dev.couplinglab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What the benchmark ran on, printed beside every figure because the figures mean nothing without
 * it: the CPU (model, MHz and cores from /proc/cpuinfo), memory (MemTotal), the Java that ran every
 * JVM, and the 1-minute load average when read (how busy the shared machine was).
 */
record Machine(
    int cpus,
    String cpuModel,
    double cpuMhz,
    long memoryBytes,
    String javaVersion,
    double loadAverage) {

  static Machine now() {
    List<String> cpuinfo = lines("/proc/cpuinfo");
    long processors = cpuinfo.stream().filter(line -> line.startsWith("processor")).count();
    String mhz = field(cpuinfo, "cpu MHz");
    return new Machine(
        processors > 0 ? (int) processors : Runtime.getRuntime().availableProcessors(),
        field(cpuinfo, "model name"),
        mhz.equals("unknown") ? Double.NaN : Double.parseDouble(mhz),
        readMemoryBytes(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        readLoadAverage());
  }

  /** "2 x Intel(R) Xeon(R) Processor at 2600 MHz, 23.5 GiB, OpenJDK 64-Bit Server VM 17.0.15". */
  String describe() {
    return String.format(
        Locale.ROOT,
        "%d x %s at %.0f MHz, %.1f GiB memory, %s",
        cpus,
        cpuModel,
        cpuMhz,
        memoryBytes / (1024.0 * 1024 * 1024),
        javaVersion);
  }

  static double readLoadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static long readMemoryBytes() {
    String kb = field(lines("/proc/meminfo"), "MemTotal").replace("kB", "").trim();
    try {
      return Long.parseLong(kb) * 1024;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The value after the colon of the first line starting with {@code name}, or "unknown". */
  private static String field(List<String> lines, String name) {
    return lines.stream()
        .filter(line -> line.startsWith(name))
        .map(line -> line.substring(line.indexOf(':') + 1).trim())
        .findFirst()
        .orElse("unknown");
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException e) {
      return List.of();
    }
  }
}
