package dev.couplinglab.experiment.launch;

import java.nio.file.Path;

/**
 * Where the processes of one local cluster keep their files below one folder ({@code kafka/},
 * {@code data/<service>/}, {@code logs/<name>.log}, by default {@code cds/<name>.jsa}), and the
 * mark on their command lines.
 */
public record RunLayout(Path root, Path classArchiveDir) {

  /**
   * @param classArchiveDir where each part's class-data archive is kept between starts ({@link
   *     LaunchPlan}); several runs may share one
   */
  public RunLayout {
    root = root.toAbsolutePath().normalize();
    classArchiveDir = classArchiveDir.toAbsolutePath().normalize();
  }

  /** A run that keeps its class-data archives in its own {@code cds/}. */
  public RunLayout(Path root) {
    this(root, root.toAbsolutePath().resolve("cds"));
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

  public Path classArchive(Part part) {
    return classArchiveDir().resolve(part.displayName() + ".jsa");
  }

  public Path logsDir() {
    return root.resolve("logs");
  }

  public Path log(Part part) {
    return logsDir().resolve(part.displayName() + ".log");
  }
}
