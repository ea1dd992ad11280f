package dev.couplinglab.lab.cluster;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.experiment.launch.RunLayout;
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
 * The run folder of a local cluster: what its processes see ({@link RunLayout}: {@code kafka/},
 * {@code data/<service>/}, {@code logs/<name>.log}), and what the lab keeps beside them: {@code
 * pids/<name>.pid} and {@code cluster.properties}.
 */
public final class RunDir {

  private static final String CLUSTER_FILE = "cluster.properties";

  private final RunLayout layout;
  private final Path root;

  private RunDir(Path root) {
    this.layout = new RunLayout(root);
    this.root = layout.root();
  }

  public static RunDir of(Path root) {
    return new RunDir(root);
  }

  public Path root() {
    return root;
  }

  /** What the processes of this cluster see of the folder: the layout they are launched with. */
  public RunLayout layout() {
    return layout;
  }

  /** The mark on this cluster's command lines ({@link RunLayout#marker()}). */
  public String marker() {
    return layout.marker();
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
    return layout.kafkaDir();
  }

  public Path dataRoot() {
    return layout.dataRoot();
  }

  public Path dataDir(Part service) {
    return layout.dataDir(service);
  }

  public Path logsDir() {
    return layout.logsDir();
  }

  public Path log(Part part) {
    return layout.log(part);
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
      Files.createDirectories(layout().classArchiveDir());
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
    return Optional.of(LabPorts.fromProperties(p));
  }

  public void writeCluster(Ports ports, Instant startedAt) {
    Properties p = new Properties();
    LabPorts.writeTo(ports, p);
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
