package dev.couplinglab.lab;

import dev.couplinglab.contracts.DataFiles;
import dev.couplinglab.experiment.Progress;
import dev.couplinglab.experiment.calibrate.CapacityFile;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.admin.AdminAccess;
import dev.couplinglab.lab.admin.AdminChannels;
import dev.couplinglab.lab.admin.AdminClient;
import dev.couplinglab.lab.cluster.AdminToken;
import dev.couplinglab.lab.cluster.LabPorts;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.cluster.Shell;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.fault.ComposeFaults;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.fault.LocalFaults;
import dev.couplinglab.lab.target.Destination;
import dev.couplinglab.lab.target.Target;
import dev.couplinglab.lab.target.TargetDetector;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What every command of the lab works with, built from the environment: the repository root, the
 * run folder, the ports, the target and the addresses of its services, the admin token and admin
 * clients, the faults, the shell and compose project, and the two output streams.
 */
public final class LabContext {

  /** Bound of one docker/iptables command; {@code docker compose stop} may take 30 s (Kafka). */
  private static final Duration SHELL_BOUND = Duration.ofSeconds(90);

  /** The compose file's ADMIN_TOKEN when the environment sets none. */
  static final String COMPOSE_DEFAULT_TOKEN = "couplinglab-local-admin";

  private final Map<String, String> env;
  private final String globalTarget;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Progress.Listener progress;

  /**
   * @param globalTarget the value of the lab's own {@code --target}, or null; read when a command
   *     asks for its target
   * @param out standard output, escaped (it carries text from the cluster)
   * @param err standard error
   */
  public LabContext(
      Map<String, String> env, String globalTarget, PrintWriter out, PrintWriter err) {
    this(env, globalTarget, out, err, Progress.Listener.none());
  }

  /**
   * @param progress told how an experiment goes, beside the progress bar (the console's)
   */
  public LabContext(
      Map<String, String> env,
      String globalTarget,
      PrintWriter out,
      PrintWriter err,
      Progress.Listener progress) {
    this.env = env;
    this.globalTarget = globalTarget;
    this.out = out;
    this.err = err;
    this.progress = progress;
  }

  /** The repository root: {@code LAB_HOME}, or found from where this jar lies. */
  public Path home() {
    String home = env.get("LAB_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    try {
      // <home>/lab/target/lab.jar, or <home>/lab/target/classes when run from the build.
      Path code =
          Path.of(LabContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return code.getParent().getParent().getParent();
    } catch (URISyntaxException | NullPointerException e) {
      throw LabException.usage("set LAB_HOME to the Coupling Lab folder (bin/lab does it)");
    }
  }

  /** {@code LAB_RUN_DIR}, default {@code <home>/run}. */
  public RunDir runDir() {
    String dir = env.get("LAB_RUN_DIR");
    return RunDir.of(dir == null || dir.isBlank() ? home().resolve("run") : Path.of(dir));
  }

  /** The ports asked for in the environment, for a cluster about to start. */
  public Ports envPorts() {
    return LabPorts.fromEnv(env);
  }

  /** The ports of the cluster started last in the run folder, else those of the environment. */
  public Ports clusterPorts() {
    return runDir().readPorts().orElseGet(this::envPorts);
  }

  /**
   * The target of a command: {@code asked} (the command's own --target), else the global one, else
   * {@code LAB_TARGET}, else detected.
   */
  public Target target(Target asked) {
    Target chosen =
        asked != null
            ? asked
            : globalTarget == null ? null : Target.parse(globalTarget, "--target");
    return new TargetDetector(
            () -> !ProcessOwnership.running(runDir()).isEmpty(), () -> compose().anyRunning())
        .detect(chosen, env.get("LAB_TARGET"));
  }

  /** The address of a service for a client command: an explicit one, or the target's. */
  public String address(Part service, Destination destination) {
    if (destination.hasAddress()) {
      return destination.address();
    }
    return target(destination.target()) == Target.COMPOSE
        ? Compose.address(service.displayName())
        : clusterPorts().address(service);
  }

  /** Where {@code service} answers gRPC on {@code target}, as host:port. */
  public String serviceAddress(Target target, Part service) {
    return target == Target.COMPOSE
        ? Compose.address(service.displayName())
        : clusterPorts().address(service);
  }

  /** The brokers of {@code target} as a Kafka bootstrap list. */
  public String bootstrap(Target target) {
    if (target == Target.COMPOSE) {
      return Compose.BROKERS.stream().map(Compose::address).collect(Collectors.joining(","));
    }
    return clusterPorts().address(Part.KAFKA);
  }

  /**
   * Where {@code service}'s {@code /metrics} answers on {@code target}, as host:port: compose
   * publishes fixed ports; a local service took a free one and wrote it to its data folder.
   */
  public String metricsAddress(Target target, Part service) {
    if (target == Target.COMPOSE) {
      return Compose.metricsAddress(service.displayName());
    }
    Path file = runDir().dataDir(service).resolve(DataFiles.METRICS_PORT);
    try {
      return "localhost:" + Integer.parseInt(Files.readString(file).trim());
    } catch (IOException | NumberFormatException e) {
      throw LabException.failure(
          service.displayName()
              + " has written no metrics port ("
              + PathText.display(file)
              + "): is the local cluster up? (bin/lab up)");
    }
  }

  /**
   * The admin token of {@code target}: {@code LAB_ADMIN_TOKEN} when set (a cluster started by
   * hand); compose: {@code ADMIN_TOKEN} or the compose file's default; local: the run folder's
   * token file, written by {@code lab up}. Never printed.
   */
  public String adminToken(Target target) {
    String override = env.get("LAB_ADMIN_TOKEN");
    if (override != null && !override.isBlank()) {
      return override.strip();
    }
    if (target == Target.COMPOSE) {
      String token = env.get("ADMIN_TOKEN");
      return token == null || token.isBlank() ? COMPOSE_DEFAULT_TOKEN : token.strip();
    }
    return AdminToken.read(runDir())
        .orElseThrow(
            () ->
                LabException.failure(
                    "no admin token in "
                        + PathText.display(runDir().root())
                        + " ("
                        + AdminToken.FILE
                        + "): start the cluster with 'lab up'"));
  }

  /** A client of {@code service}'s admin API on {@code target}, or at an explicit address. */
  public AdminClient admin(Target target, Part service, String address) {
    return AdminClient.connect(
        service.displayName(),
        address != null ? address : serviceAddress(target, service),
        adminToken(target));
  }

  /** The services of {@code target} whose admin faults can be listed and cleared. */
  public AdminAccess adminAccess(Target target) {
    return adminAccess(target, service -> admin(target, service, null));
  }

  /**
   * Like {@link #adminAccess(Target)}, on channels that {@code kept} holds open: for a caller that
   * lists again and again (the console). The token is read at each open, so a cluster started anew
   * under the caller is asked with its own.
   */
  public AdminAccess adminAccess(Target target, AdminChannels kept) {
    return adminAccess(
        target,
        service ->
            AdminClient.over(
                kept, service.displayName(), serviceAddress(target, service), adminToken(target)));
  }

  private AdminAccess adminAccess(Target target, Function<Part, AdminClient> clients) {
    List<String> services;
    if (target == Target.COMPOSE) {
      services = Part.SERVICES.stream().map(Part::displayName).toList();
    } else {
      Map<Part, ProcessHandle> running = ProcessOwnership.running(runDir());
      services =
          Part.SERVICES.stream().filter(running::containsKey).map(Part::displayName).toList();
      if (services.isEmpty() || AdminToken.read(runDir()).isEmpty()) {
        services = List.of();
      }
    }
    List<String> chosen = services;
    return new AdminAccess() {
      @Override
      public List<String> services() {
        return chosen;
      }

      @Override
      public AdminClient open(String service) {
        return clients.apply(Part.byName(service).orElseThrow());
      }
    };
  }

  /** Where reports go by default: {@code <run>/reports} (compose: {@code <home>/run/reports}). */
  public Path reportsDir(Target target) {
    return target == Target.COMPOSE
        ? home().resolve("run").resolve("reports")
        : runDir().root().resolve("reports");
  }

  /**
   * The capacity measured by {@code lab calibrate}: in the run folder (compose: {@code
   * <home>/run}).
   */
  public Path capacityFile(Target target) {
    Path dir = target == Target.COMPOSE ? home().resolve("run") : runDir().root();
    return dir.resolve(CapacityFile.NAME);
  }

  /** The process and network faults of {@code target}, with their state file. */
  public Faults faults(Target target) {
    if (target == Target.COMPOSE) {
      return new ComposeFaults(compose(), composeFaultsFile(), Clock.systemUTC());
    }
    return new LocalFaults(home(), runDir(), shell(), err(), Clock.systemUTC());
  }

  /** Runs short external commands (docker, iptables, kill) from the repository root. */
  public Shell shell() {
    return new Shell(home(), SHELL_BOUND);
  }

  /** The compose project, driven with the docker CLI from the repository root. */
  public Compose compose() {
    return new Compose(shell());
  }

  /** Where the faults applied to the compose project are remembered. */
  public Path composeFaultsFile() {
    return home().resolve("run").resolve("compose-faults.properties");
  }

  /** Who else hears an experiment's progress: the console's page, or no one. */
  public Progress.Listener progress() {
    return progress;
  }

  /** The environment the lab was started with. */
  public Map<String, String> env() {
    return env;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }
}
