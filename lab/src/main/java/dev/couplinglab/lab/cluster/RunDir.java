package dev.couplinglab.lab.cluster;

import dev.couplinglab.lab.LabException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The run folder of a local cluster: {@code kafka/}, {@code data/<service>/}, {@code
 * logs/<name>.log}, {@code pids/<name>.pid} and {@code cluster.properties}.
 */
public final class RunDir {

  private static final String CLUSTER_FILE = "cluster.properties";

  private final Path root;

  private RunDir(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public static RunDir of(Path root) {
    return new RunDir(root);
  }

  public Path root() {
    return root;
  }

  /**
   * The JVM option every process of this cluster is started with. {@code lab down} only stops a
   * process whose command line carries it, so a recycled pid never hits someone else's process.
   */
  public String marker() {
    return "-Dcouplinglab.run=" + root;
  }

  /** A short id of this run folder, to tag what the lab changes outside it (iptables rules). */
  public String runId() {
    return String.format("%08x", root.toString().hashCode());
  }

  /** The faults {@code lab fault} applied to this cluster and has not undone. */
  public Path faultsFile() {
    return root.resolve("faults.properties");
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

  public Path pidFile(Part part) {
    return root.resolve("pids").resolve(part.displayName() + ".pid");
  }

  public Path clusterFile() {
    return root.resolve(CLUSTER_FILE);
  }

  public void createDirs() {
    try {
      Files.createDirectories(kafkaDir());
      Files.createDirectories(logsDir());
      Files.createDirectories(pidFile(Part.KAFKA).getParent());
      for (Part service : Part.SERVICES) {
        Files.createDirectories(dataDir(service));
      }
    } catch (IOException e) {
      throw LabException.failure("cannot create the run folder " + root + ": " + e.getMessage());
    }
  }

  /** The pid in {@code part}'s pid file; empty when there is none or it does not hold a number. */
  public OptionalLong readPid(Part part) {
    Path file = pidFile(part);
    if (!Files.isRegularFile(file)) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(file).trim()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public void writePid(Part part, long pid) {
    write(pidFile(part), pid + "\n");
  }

  public void deletePid(Part part) {
    try {
      Files.deleteIfExists(pidFile(part));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The ports the cluster was last started with, if it was. */
  public Optional<Ports> readPorts() {
    Path file = clusterFile();
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw LabException.failure("cannot read " + file + ": " + e.getMessage());
    }
    return Optional.of(Ports.fromProperties(p));
  }

  public void writeCluster(Ports ports, Instant startedAt) {
    Properties p = new Properties();
    ports.writeTo(p);
    p.setProperty("started.at", startedAt.toString());
    try (Writer out = Files.newBufferedWriter(clusterFile(), StandardCharsets.UTF_8)) {
      p.store(out, "Written by lab up");
    } catch (IOException e) {
      throw LabException.failure("cannot write " + clusterFile() + ": " + e.getMessage());
    }
  }

  /** Deletes Kafka's data and every service's database, so the next start is a fresh one. */
  public void deleteData() {
    deleteTree(kafkaDir());
    deleteTree(dataRoot());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw LabException.failure("cannot delete " + dir + ": " + e.getMessage());
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw LabException.failure("cannot write " + file + ": " + e.getMessage());
    }
  }
}
