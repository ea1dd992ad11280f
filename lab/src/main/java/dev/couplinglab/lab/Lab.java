package dev.couplinglab.lab;

import dev.couplinglab.lab.cluster.Ports;
import dev.couplinglab.lab.cluster.RunDir;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The user's tool: starts a local cluster without Docker, places orders and follows an order's
 * logs. Exit codes: 0 done, 1 failed (one line {@code error: ...}), 2 bad usage.
 */
@Command(
    name = "lab",
    mixinStandardHelpOptions = true,
    version = "Coupling Lab 0.1.0",
    description = "Run a local Coupling Lab cluster and place orders in both styles.",
    subcommands = {
      UpCommand.class,
      DownCommand.class,
      StatusCommand.class,
      OrderCommand.class,
      GetCommand.class,
      StockCommand.class,
      NotificationsCommand.class,
      LogsCommand.class
    })
public final class Lab implements Callable<Integer> {

  @Spec private CommandSpec spec;

  private final Map<String, String> env;

  Lab(Map<String, String> env) {
    this.env = env;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
    try {
      return new CommandLine(new Lab(env))
          .setOut(out)
          .setErr(err)
          .setCaseInsensitiveEnumValuesAllowed(true)
          .setParameterExceptionHandler(Lab::badUsage)
          .setExecutionExceptionHandler(Lab::failed)
          .execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(),
        "Missing a command: up, down, status, order, get, stock, notifications or logs");
  }

  /** The repository root: {@code LAB_HOME}, or found from where this jar lies. */
  public Path home() {
    String home = env.get("LAB_HOME");
    if (home != null && !home.isBlank()) {
      return Path.of(home).toAbsolutePath().normalize();
    }
    try {
      // <home>/lab/target/lab.jar, or <home>/lab/target/classes when run from the build.
      Path code = Path.of(Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
    return Ports.fromEnv(env);
  }

  /** The ports of the cluster started last in the run folder, else those of the environment. */
  public Ports clusterPorts() {
    return runDir().readPorts().orElseGet(this::envPorts);
  }

  public PrintWriter out() {
    return spec.commandLine().getOut();
  }

  public PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** A path as a person would type it: relative when under the current folder. */
  public static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    return path.startsWith(cwd) && !path.equals(cwd)
        ? cwd.relativize(path).toString()
        : path.toString();
  }

  private static int badUsage(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr()
        .println(e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof LabException lab) {
      err.println("error: " + lab.getMessage());
      return lab.exitCode();
    }
    if (e instanceof StatusRuntimeException grpc) {
      err.println("error: " + GrpcErrors.describe(grpc));
      return 1;
    }
    err.println("error: " + e);
    return 1;
  }
}
