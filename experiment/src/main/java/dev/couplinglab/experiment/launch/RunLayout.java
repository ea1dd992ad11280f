package dev.couplinglab.experiment.launch;

import java.nio.file.Path;

/**
 * Where the processes of one local cluster keep their files below one folder ({@code kafka/},
 * {@code data/<service>/}, {@code logs/<name>.log}), and the mark on their command lines.
 */
public record RunLayout(Path root) {

  public RunLayout {
    root = root.toAbsolutePath().normalize();
  }

  /**
   * The JVM option every process of this cluster is started with, so that a process can be told
   * ours by its command line (the lab stops only those; a recycled pid never hits someone else's).
   */
  public String marker() {
    return "-Dcouplinglab.run=" + root;
  }

  public Path kafkaDir() {
    return root.resolve("kafka");
  }

  public Path dataRoot() {
    return root.resolve("data");
  }

  public Path dataDir(Part service) {
    return dataRoot().resolve(service.displayName());
  }

  public Path logsDir() {
    return root.resolve("logs");
  }

  public Path log(Part part) {
    return logsDir().resolve(part.displayName() + ".log");
  }
}
