package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.Verdict;
import dev.couplinglab.experiment.Warmup;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.ExperimentException;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.experiments.LabFaultDriver;
import dev.couplinglab.lab.experiments.RunSummary;
import dev.couplinglab.lab.target.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Runs one experiment file on the lab's target: sets the resilience settings (restored after),
 * plays the fault timeline, writes the report; exit 0 when every expectation holds, else 1, and 3
 * (INCONCLUSIVE) when the cluster was overloaded outside the fault, whatever the expectations.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "run",
    description =
        "Run an experiment file and write its report; exit 1 when an expectation fails, 3 when"
            + " the cluster was overloaded (inconclusive).")
final class ExperimentRunCommand implements Callable<Integer> {

  /** Written in the description of scenarios the local cluster cannot play. */
  static final String COMPOSE_ONLY = "COMPOSE ONLY";

  @ParentCommand private ExperimentCommand parent;

  @Mixin private TargetOption target;

  @Parameters(
      paramLabel = "FILE",
      description =
          "an experiment file (a path from here or from <LAB_HOME>), or a name in"
              + " <LAB_HOME>/experiments (inventory-slow, restarts/inventory-service-kill)")
  String file;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "the report folder (default: <run>/reports/<timestamp>-<name>)")
  Path out;

  @Option(
      names = "--rate",
      converter = RateConverter.class,
      paramLabel = "N|N%",
      description =
          "orders/s per style, or a share of the measured capacity (30%%), instead of the file's")
  Rate rate;

  @Option(
      names = "--calibrate",
      description =
          "when the rate is a share and no capacity is saved for the target, run 'lab calibrate'"
              + " (its defaults) first")
  boolean calibrate;

  @Option(
      names = "--warmup",
      converter = WarmupConverter.class,
      paramLabel = "DURATION",
      description =
          "the same load, not counted, before the run's first second (default: 20s; 0: none)")
  Duration warmup = Warmup.DEFAULT;

  @Override
  public Integer call() throws Exception {
    LabContext lab = parent.context();
    Experiment experiment = read(lab, file);
    Target chosen = lab.target(target.asked());
    requirePlayable(experiment, chosen);
    ExperimentSession session = new ExperimentSession(lab, chosen);
    session.requireCluster();
    LabFaultDriver driver = session.faultDriver();
    driver.check(experiment.timeline());
    RateBasis basis =
        new LabCapacity(lab, chosen)
            .resolve(rate(experiment), rate == null ? "experiment file" : "--rate", calibrate);
    Path dir = session.outDir(out, experiment.name());
    lab.out()
        .println(
            "Running "
                + experiment.name()
                + " on the "
                + chosen
                + " cluster at "
                + RunSummary.rate(basis));
    ExperimentResult result =
        session.run(
            experiment,
            basis,
            warmup,
            dir,
            experiment.timeline().isEmpty() ? FaultDriver.none() : driver,
            session.applying());
    RunSummary.details(result, lab.out());
    session.printReport(dir);
    if (result.verdict() == Verdict.INCONCLUSIVE) {
      throw LabException.inconclusive(RunSummary.overload(result));
    }
    if (!result.passed()) {
      throw LabException.failure("expectation failed: " + RunSummary.failures(result));
    }
    return 0;
  }

  /** A duration as {@link Durations} reads it, or 0 for none. */
  static final class WarmupConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim();
      return v.equals("0") || v.equals("0s") ? Duration.ZERO : Durations.parse(v);
    }
  }

  /** The rate to run at: {@code --rate} when given, else the file's. */
  Rate rate(Experiment experiment) {
    return rate != null ? rate : experiment.load().rateSpec();
  }

  /** A COMPOSE ONLY scenario on the local target fails fast, with one line. */
  static void requirePlayable(Experiment experiment, Target target) {
    String description = experiment.description() == null ? "" : experiment.description();
    if (target == Target.LOCAL && description.contains(COMPOSE_ONLY)) {
      throw LabException.failure(
          experiment.name()
              + " is COMPOSE ONLY and the target is local: start the compose cluster"
              + " (docker compose up -d) and run it with --target compose");
    }
  }

  /**
   * The file as given (relative to the working folder), else the same path relative to the lab's
   * home ({@code experiments/restarts/x.yaml} from any folder), else {@code
   * <home>/experiments/<name>[.yaml]} ({@code inventory-slow}, {@code restarts/x}).
   */
  static Experiment read(LabContext lab, String name) throws IOException {
    Path path = Path.of(name);
    if (!Files.isRegularFile(path)) {
      Path home = lab.home();
      Path dir = home.resolve("experiments");
      for (Path candidate :
          new Path[] {home.resolve(name), dir.resolve(name), dir.resolve(name + ".yaml")}) {
        if (Files.isRegularFile(candidate)) {
          path = candidate;
          break;
        }
      }
    }
    if (!Files.isRegularFile(path)) {
      throw LabException.usage("no experiment file " + name + " (see 'lab experiment list')");
    }
    try {
      return ExperimentParser.read(path);
    } catch (ExperimentException e) {
      throw LabException.usage(e.getMessage());
    }
  }
}
