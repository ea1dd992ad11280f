package dev.couplinglab.lab.compose;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** What {@code docker inspect} says about one container. */
public record ContainerState(
    String name, String status, boolean paused, int exitCode, String health, Set<String> networks) {

  /** Reads one line printed with {@link ComposeCommands#INSPECT_FORMAT}. */
  static ContainerState parse(String line) {
    String[] f = line.strip().split("\\|", -1);
    if (f.length < 6) {
      throw new IllegalArgumentException("unexpected docker inspect output: " + line);
    }
    Set<String> networks =
        Arrays.stream(f[4].split(",")).filter(s -> !s.isBlank()).collect(Collectors.toSet());
    return new ContainerState(
        f[5].startsWith("/") ? f[5].substring(1) : f[5],
        f[0],
        Boolean.parseBoolean(f[1]),
        f[2].isBlank() ? 0 : Integer.parseInt(f[2]),
        f[3],
        networks);
  }

  public boolean running() {
    return status.equals("running") && !paused;
  }

  public boolean onProjectNetwork() {
    return networks.contains(ComposeCommands.NETWORK);
  }

  /** Running with no health check, or running and healthy. */
  public boolean healthy() {
    return running() && (health.isEmpty() || health.equals("healthy"));
  }
}
