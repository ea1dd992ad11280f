package dev.couplinglab.experiment.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment each part of a local cluster is started with: the one launch
 * description that {@code lab up} and the benchmark both start their processes from.
 */
public final class LaunchPlan {

  /**
   * A heap that starts small and grows as needed: the JVM would otherwise commit (and under load
   * touch) 1/64 of the machine's memory from the start, up to -Xmx.
   */
  public static final List<String> JVM_FLAGS = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC");

  /** In {@code LAB_JVM_OPTS}: no class-data sharing, so no archive is recorded or mapped. */
  static final String NO_SHARING = "-Xshare:off";

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path home;
  private final RunLayout run;
  private final Ports ports;
  private final String java;
  private final String adminToken;
  private final List<String> jvmFlags;

  public LaunchPlan(Path home, RunLayout run, Ports ports, String java) {
    this(home, run, ports, java, null);
  }

  /**
   * @param home the repository, whose modules hold the built jars
   * @param adminToken given to each service as {@code ADMIN_TOKEN}; null leaves it unset (the admin
   *     API then refuses every call)
   */
  public LaunchPlan(Path home, RunLayout run, Ports ports, String java, String adminToken) {
    this(home, run, ports, java, adminToken, jvmFlags());
  }

  LaunchPlan(
      Path home,
      RunLayout run,
      Ports ports,
      String java,
      String adminToken,
      List<String> jvmFlags) {
    this.home = home;
    this.run = run;
    this.ports = ports;
    this.java = java;
    this.adminToken = adminToken;
    this.jvmFlags = List.copyOf(jvmFlags);
  }

  /** The java binary of the running JVM. */
  public static String currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A fresh admin token: 32 random hex characters. */
  public static String newAdminToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * {@link #JVM_FLAGS}, then those of {@code LAB_JVM_OPTS} (split at spaces; a later flag wins), to
   * try other flags without a rebuild.
   */
  public static List<String> jvmFlags() {
    List<String> flags = new ArrayList<>(JVM_FLAGS);
    String extra = System.getenv("LAB_JVM_OPTS");
    if (extra != null && !extra.isBlank()) {
      flags.addAll(List.of(extra.trim().split("\\s+")));
    }
    return flags;
  }

  public List<String> command(Part part) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmFlags);
    if (!jvmFlags.contains(NO_SHARING)) {
      command.addAll(classArchiveFlags(part));
    }
    command.add(run.marker());
    command.add("-jar");
    command.add(part.jar(home).toString());
    if (part == Part.KAFKA) {
      command.add(run.kafkaDir().toString());
      command.add(Integer.toString(ports.kafka()));
      command.add(Integer.toString(ports.controller()));
    }
    return command;
  }

  /**
   * AppCDS: the classes a part loads, kept in a class-data archive in the run folder. The first
   * start records it when the process exits (on SIGTERM too, as {@code lab down} and the benchmark
   * stop it); every later start maps it instead of reading, parsing and verifying the same classes
   * from the jar again. A jar rebuilt since is recorded anew. The JVM checks the archive against
   * the jar and starts the ordinary way, with a warning in the part's log, when it does not match.
   */
  List<String> classArchiveFlags(Part part) {
    Path archive = run.classArchive(part);
    return hasClassArchive(part)
        ? List.of("-XX:SharedArchiveFile=" + archive)
        // the dump at exit names every class it leaves out (JFR events, generated accessors):
        // noise in the part's log, not a fault
        : List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off");
  }

  /** Whether {@code part} has an archive recorded since its jar was built, to start from. */
  public boolean hasClassArchive(Part part) {
    Path archive = run.classArchive(part);
    try {
      return Files.isRegularFile(archive)
          && Files.size(archive) > 0
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(part.jar(home)))
              > 0;
    } catch (IOException e) {
      return false;
    }
  }

  /** Variables added to the launcher's own environment; empty for Kafka, which takes arguments. */
  public Map<String, String> env(Part part) {
    Map<String, String> env = new LinkedHashMap<>();
    if (!part.isService()) {
      return env;
    }
    env.put("GRPC_PORT", Integer.toString(ports.of(part)));
    env.put("DATA_DIR", run.dataDir(part).toString());
    // A free port: the service writes the one it got to <DATA_DIR>/metrics.port for the lab.
    env.put("METRICS_PORT", "0");
    env.put("KAFKA_BOOTSTRAP_SERVERS", ports.address(Part.KAFKA));
    // lab logs reads the text format; a LOG_FORMAT=json in the user's shell would hide every line.
    env.put("LOG_FORMAT", "text");
    if (adminToken != null) {
      env.put("ADMIN_TOKEN", adminToken);
    }
    if (part == Part.ORDER) {
      env.put("INVENTORY_TARGET", ports.address(Part.INVENTORY));
      env.put("NOTIFICATION_TARGET", ports.address(Part.NOTIFICATION));
    }
    return env;
  }
}
