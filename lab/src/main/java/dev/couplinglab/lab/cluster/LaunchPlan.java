package dev.couplinglab.lab.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line and environment each part of a local cluster is started with. */
public final class LaunchPlan {

  private final Path home;
  private final RunDir runDir;
  private final Ports ports;
  private final String java;
  private final String adminToken;

  public LaunchPlan(Path home, RunDir runDir, Ports ports, String java) {
    this(home, runDir, ports, java, null);
  }

  /**
   * @param adminToken given to each service as {@code ADMIN_TOKEN}; null leaves it unset (the admin
   *     API then refuses every call)
   */
  public LaunchPlan(Path home, RunDir runDir, Ports ports, String java, String adminToken) {
    this.home = home;
    this.runDir = runDir;
    this.ports = ports;
    this.java = java;
    this.adminToken = adminToken;
  }

  public List<String> command(Part part) {
    List<String> command = new ArrayList<>();
    command.add(java);
    // A heap that starts small and grows as needed: the JVM would otherwise commit (and under load
    // touch) 1/64 of the machine's memory from the start, up to -Xmx. bench's ChildJvm uses the
    // same.
    command.add("-Xms32m");
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.add(runDir.marker());
    command.add("-jar");
    command.add(part.jar(home).toString());
    if (part == Part.KAFKA) {
      command.add(runDir.kafkaDir().toString());
      command.add(Integer.toString(ports.kafka()));
      command.add(Integer.toString(ports.controller()));
    }
    return command;
  }

  /** Variables added to the lab's own environment; empty for Kafka, which takes arguments. */
  public Map<String, String> env(Part part) {
    Map<String, String> env = new LinkedHashMap<>();
    if (!part.isService()) {
      return env;
    }
    env.put("GRPC_PORT", Integer.toString(ports.of(part)));
    env.put("DATA_DIR", runDir.dataDir(part).toString());
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
