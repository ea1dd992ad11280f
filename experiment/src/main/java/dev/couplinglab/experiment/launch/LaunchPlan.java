package dev.couplinglab.experiment.launch;

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

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path home;
  private final RunLayout run;
  private final Ports ports;
  private final String java;
  private final String adminToken;

  public LaunchPlan(Path home, RunLayout run, Ports ports, String java) {
    this(home, run, ports, java, null);
  }

  /**
   * @param home the repository, whose modules hold the built jars
   * @param adminToken given to each service as {@code ADMIN_TOKEN}; null leaves it unset (the admin
   *     API then refuses every call)
   */
  public LaunchPlan(Path home, RunLayout run, Ports ports, String java, String adminToken) {
    this.home = home;
    this.run = run;
    this.ports = ports;
    this.java = java;
    this.adminToken = adminToken;
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

  public List<String> command(Part part) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(JVM_FLAGS);
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
