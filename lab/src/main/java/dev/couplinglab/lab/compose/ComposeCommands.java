package dev.couplinglab.lab.compose;

import dev.couplinglab.platform.telemetry.SpanFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The docker command lines the lab runs against the compose project, built here so a test can read
 * them. Every {@code docker compose} command names the project, so it reaches the same containers
 * from any folder.
 */
public final class ComposeCommands {

  public static final String PROJECT = "couplinglab";
  public static final String NETWORK = PROJECT + "_default";

  /** Service, container name, state, health: one tab-separated line per container. */
  static final String PS_FORMAT = "{{.Service}}\t{{.Name}}\t{{.State}}\t{{.Health}}";

  /** Status, paused, exit code, health and networks of one container on one line. */
  static final String INSPECT_FORMAT =
      "{{.State.Status}}|{{.State.Paused}}|{{.State.ExitCode}}|"
          + "{{if .State.Health}}{{.State.Health.Status}}{{end}}|"
          + "{{range $name, $net := .NetworkSettings.Networks}}{{$name}},{{end}}|{{.Name}}";

  private ComposeCommands() {}

  /** The ids of the project's running containers. */
  public static List<String> runningIds() {
    return compose("ps", "-q");
  }

  public static List<String> table() {
    return compose("ps", "-a", "--format", PS_FORMAT);
  }

  /** The id of {@code service}'s container, running or not. */
  public static List<String> containerId(String service) {
    return compose("ps", "-a", "-q", service);
  }

  public static List<String> kill(String service) {
    return compose("kill", "-s", "SIGKILL", service);
  }

  public static List<String> stop(String service) {
    return stop(List.of(service));
  }

  /** One command for all of them: compose stops them in parallel. */
  public static List<String> stop(List<String> services) {
    List<String> command = compose("stop");
    command.addAll(services);
    return command;
  }

  public static List<String> start(String service) {
    return start(List.of(service));
  }

  /** One command for all of them: brokers of one KRaft quorum come up together. */
  public static List<String> start(List<String> services) {
    List<String> command = compose("start");
    command.addAll(services);
    return command;
  }

  public static List<String> pause(String service) {
    return compose("pause", service);
  }

  public static List<String> unpause(String service) {
    return compose("unpause", service);
  }

  /** The service's own output, without colours or docker's "name | " prefix. */
  public static List<String> logs(String service, Integer tail, boolean follow) {
    List<String> command = compose("logs", "--no-color", "--no-log-prefix");
    if (tail != null) {
      command.add("--tail");
      command.add(Integer.toString(tail));
    }
    if (follow) {
      command.add("--follow");
    }
    command.add(service);
    return command;
  }

  /** Every service's output, each line prefixed with its container by docker, until Ctrl-C. */
  public static List<String> followAll(int tail) {
    List<String> command =
        compose("logs", "--no-color", "--tail", Integer.toString(tail), "--follow");
    command.addAll(Compose.SERVICES);
    return command;
  }

  public static List<String> disconnect(String container) {
    return List.of("docker", "network", "disconnect", NETWORK, container);
  }

  /** Reconnects under the service's name: without the alias the name would no longer resolve. */
  public static List<String> connect(String service, String container) {
    return List.of("docker", "network", "connect", "--alias", service, NETWORK, container);
  }

  /**
   * Prints {@code service}'s span file (its rolled part first) from its data volume; nothing when
   * it has none. The services write it at {@code /var/lib/couplinglab} (the compose file's
   * DATA_DIR).
   */
  public static List<String> spans(String service) {
    Path file = SpanFile.of(Path.of("/var/lib/couplinglab"), service);
    return compose(
        "exec",
        "-T",
        service,
        "sh",
        "-c",
        "cat " + SpanFile.rolled(file) + " " + file + " 2>/dev/null; true");
  }

  public static List<String> inspect(String container) {
    return List.of("docker", "inspect", "--format", INSPECT_FORMAT, container);
  }

  private static List<String> compose(String... args) {
    List<String> command = new ArrayList<>(List.of("docker", "compose", "-p", PROJECT));
    command.addAll(List.of(args));
    return command;
  }
}
