package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.ResilienceApplier;
import dev.couplinglab.experiment.Verdict;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.Expectations;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.ExperimentException;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.model.ResilienceSettings;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.GrpcErrors;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.experiments.LabResilienceApplier;
import dev.couplinglab.lab.experiments.RunSummary;
import dev.couplinglab.lab.target.Target;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Open-loop load over one or both styles: an experiment without a fault timeline, under the
 * resilience settings in force (read, recorded, not changed). Prints a progress bar on stderr, a
 * summary per style and the report folder.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "load",
    description = "Send orders at a constant rate in each style and report what it cost.")
public final class LoadCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Mixin private TargetOption target;

  @Option(
      names = "--rate",
      converter = RateConverter.class,
      paramLabel = "N|N%",
      defaultValue = "50",
      description =
          "orders/s per style, or a share of the capacity measured by 'lab calibrate' (30%%)"
              + " (default 50)")
  Rate rate;

  @Option(
      names = "--duration",
      converter = Durations.class,
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "how long orders are sent (default 60s)")
  Duration duration;

  @Option(
      names = "--style",
      paramLabel = "sync|async|both",
      defaultValue = "both",
      description = "which styles run, at the same time (default both)")
  String style;

  @Option(
      names = "--sku",
      paramLabel = "SKU",
      defaultValue = "SKU-APPLE",
      description = "what every order asks for (default SKU-APPLE)")
  String sku;

  @Option(
      names = "--qty",
      paramLabel = "N",
      defaultValue = "1",
      description = "items per order (default 1)")
  int quantity;

  @Option(
      names = "--deadline",
      converter = Durations.class,
      paramLabel = "DURATION",
      defaultValue = "5s",
      description = "the client's deadline on each PlaceOrder (default 5s)")
  Duration deadline;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "the report folder (default: <run>/reports/<timestamp>-load)")
  Path out;

  @Override
  public Integer call() throws Exception {
    experiment(ResilienceSettings.defaults()); // bad usage before anything is asked of the cluster
    Target chosen = lab.context().target(target.asked());
    ExperimentSession session = new ExperimentSession(lab.context(), chosen);
    session.requireCluster();
    ResilienceApplier resilience;
    ResilienceSettings inForce;
    try {
      inForce = LabResilienceApplier.fromProto(session.currentResilience());
      resilience = session.readOnly();
    } catch (StatusRuntimeException | LabException e) {
      lab.context()
          .err()
          .println(
              "note: order-service's resilience settings not read ("
                  + (e instanceof StatusRuntimeException grpc
                      ? GrpcErrors.describe(grpc)
                      : e.getMessage())
                  + "); the report records the defaults");
      inForce = ResilienceSettings.defaults();
      resilience = ResilienceApplier.recordOnly();
    }
    Experiment experiment = experiment(inForce);
    RateBasis basis = new LabCapacity(lab.context(), chosen).resolve(rate, "--rate", false);
    lab.context().out().println("Load at " + RunSummary.rate(basis));
    Path dir = session.outDir(out, "load");
    ExperimentResult result =
        session.run(experiment, basis, Duration.ZERO, dir, FaultDriver.none(), resilience);
    session.printReport(dir);
    if (result.verdict() == Verdict.INCONCLUSIVE) {
      throw LabException.inconclusive(RunSummary.overload(result));
    }
    return result.passed() ? 0 : 1;
  }

  /**
   * The load as an experiment with no fault, under {@code resilience}; checked with the same ranges
   * and messages as an experiment file.
   */
  Experiment experiment(ResilienceSettings resilience) {
    List<RunStyle> styles =
        switch (style.trim().toLowerCase(Locale.ROOT)) {
          case "sync" -> List.of(RunStyle.SYNC);
          case "async" -> List.of(RunStyle.ASYNC);
          case "both" -> List.of(RunStyle.SYNC, RunStyle.ASYNC);
          default ->
              throw LabException.usage("--style must be sync, async or both, was '" + style + "'");
        };
    String description =
        "lab load: "
            + rate.text()
            + (rate instanceof Rate.ShareOfCapacity ? " of capacity" : " orders/s")
            + " per style for "
            + DurationText.format(duration)
            + ", no fault";
    try {
      LoadSpec load =
          ExperimentParser.check(new LoadSpec(rate, duration, styles, sku, quantity, deadline));
      return new Experiment(
          "load",
          description,
          load,
          List.of(),
          resilience,
          Experiment.DEFAULT_RECOVERY_TIMEOUT,
          Expectations.none());
    } catch (ExperimentException e) {
      throw LabException.usage(e.getMessage());
    }
  }
}
