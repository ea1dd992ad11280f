package dev.couplinglab.experiment.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a measurement ran on, from /proc/cpuinfo: CPU model, clock and core count (logical CPUs).
 * Capacity belongs to a machine: a figure measured elsewhere says little about this one.
 *
 * @param mhz the first CPU's current clock, -1 when unknown
 */
public record Machine(String cpuModel, double mhz, int cores) {

  private static final Path CPUINFO = Path.of("/proc/cpuinfo");

  /** This machine; without /proc/cpuinfo, the JVM's processor count and an unknown model. */
  public static Machine local() {
    try {
      return parse(Files.readAllLines(CPUINFO));
    } catch (IOException | RuntimeException e) {
      return new Machine("unknown CPU", -1, Runtime.getRuntime().availableProcessors());
    }
  }

  /** Reads the lines of /proc/cpuinfo; a missing field reads as unknown. */
  public static Machine parse(List<String> cpuinfo) {
    String model = "unknown CPU";
    double mhz = -1;
    int processors = 0;
    for (String line : cpuinfo) {
      int colon = line.indexOf(':');
      if (colon < 0) {
        continue;
      }
      String key = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      switch (key) {
        case "processor" -> processors++;
        case "model name" -> model = processors <= 1 ? value : model;
        case "cpu MHz" -> mhz = mhz < 0 ? parseOrUnknown(value) : mhz;
        default -> {}
      }
    }
    return new Machine(
        model, mhz, processors > 0 ? processors : Runtime.getRuntime().availableProcessors());
  }

  /** {@code Intel(R) Xeon(R) Processor, 2 cores @ 2600 MHz}. */
  public String describe() {
    String clock = mhz > 0 ? String.format(Locale.ROOT, " @ %.0f MHz", mhz) : "";
    return cpuModel + ", " + cores + (cores == 1 ? " core" : " cores") + clock;
  }

  private static double parseOrUnknown(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
