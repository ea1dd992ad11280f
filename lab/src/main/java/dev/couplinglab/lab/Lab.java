package dev.couplinglab.lab;

import dev.couplinglab.experiment.Progress;
import dev.couplinglab.lab.command.CalibrateCommand;
import dev.couplinglab.lab.command.ConsoleCommand;
import dev.couplinglab.lab.command.DownCommand;
import dev.couplinglab.lab.command.ExperimentCommand;
import dev.couplinglab.lab.command.FaultCommand;
import dev.couplinglab.lab.command.GetCommand;
import dev.couplinglab.lab.command.LoadCommand;
import dev.couplinglab.lab.command.LogsCommand;
import dev.couplinglab.lab.command.MetricsCommand;
import dev.couplinglab.lab.command.NotificationsCommand;
import dev.couplinglab.lab.command.OrderCommand;
import dev.couplinglab.lab.command.ResilienceCommand;
import dev.couplinglab.lab.command.StatusCommand;
import dev.couplinglab.lab.command.StockCommand;
import dev.couplinglab.lab.command.TraceCommand;
import dev.couplinglab.lab.command.UpCommand;
import io.grpc.StatusRuntimeException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The user's tool: starts a local cluster without Docker or talks to the compose one, places
 * orders, follows an order's logs and injects faults. Exit codes: 0 done, 1 failed (one line {@code
 * error: ...}), 2 bad usage.
 *
 * <p>This class is the command line's root only: its subcommands (package {@code command}), its
 * {@code --target} and the exit codes. What the commands work with is a {@link LabContext}, made
 * from the environment. The words target, address, destination and part each mean one thing: see
 * {@link dev.couplinglab.lab.target}.
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
      LogsCommand.class,
      MetricsCommand.class,
      TraceCommand.class,
      FaultCommand.class,
      ResilienceCommand.class,
      LoadCommand.class,
      CalibrateCommand.class,
      ExperimentCommand.class,
      ConsoleCommand.class
    })
public final class Lab implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--target",
      paramLabel = "local|compose",
      description =
          "the cluster to talk to (default: LAB_TARGET, else local when its processes run,"
              + " else compose when its containers run, else local)")
  private String target;

  private final Map<String, String> env;
  private final Progress.Listener progress;
  private LabContext context;

  Lab(Map<String, String> env, Progress.Listener progress) {
    this.env = env;
    this.progress = progress;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, System.getenv(), out, err));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(
      String[] args, Map<String, String> env, PrintWriter rawOut, PrintWriter err) {
    return run(args, env, rawOut, err, Progress.Listener.none());
  }

  /**
   * Runs one command line and returns its exit code; an experiment it runs also tells {@code
   * progress} how it goes (the console's progress bar).
   */
  public static int run(
      String[] args,
      Map<String, String> env,
      PrintWriter rawOut,
      PrintWriter err,
      Progress.Listener progress) {
    // Standard output carries text from the cluster: escaped. Standard error keeps \r for the
    // progress bar; its error lines are escaped where they are written.
    PrintWriter out = SafeText.escaping(rawOut);
    try {
      return new CommandLine(new Lab(env, progress))
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
        "Missing a command: up, down, status, order, get, stock, notifications, logs, metrics,"
            + " trace, fault, resilience, load, calibrate, experiment or console");
  }

  /** The context of the command being run, made on first use from the parsed options. */
  public LabContext context() {
    if (context == null) {
      CommandLine line = spec.commandLine();
      context = new LabContext(env, target, line.getOut(), line.getErr(), progress);
    }
    return context;
  }

  private static int badUsage(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    cmd.getErr()
        .println(
            SafeText.escape(
                e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')"));
    return cmd.getCommandSpec().exitCodeOnInvalidInput();
  }

  private static int failed(Exception e, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    if (e instanceof LabException lab) {
      err.println(SafeText.escape(lab.line()));
      return lab.exitCode();
    }
    if (e instanceof StatusRuntimeException grpc) {
      err.println(SafeText.escape("error: " + GrpcErrors.describe(grpc)));
      return 1;
    }
    err.println(SafeText.escape("error: " + e));
    return 1;
  }
}
