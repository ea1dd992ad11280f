package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.calibrate.Bounds;
import dev.couplinglab.experiment.calibrate.Calibration;
import dev.couplinglab.experiment.calibrate.Calibrator;
import dev.couplinglab.experiment.calibrate.CapacitySearch;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures the highest rate per style both styles hold at once on the running cluster, within the
 * p99 bounds and without a PlaceOrder error, and saves it as {@code capacity.json}, the capacity
 * that {@code rate: 30%} in an experiment file is a share of. Exit 1 when no rate held.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "calibrate",
    description =
        "Warm the cluster up, then find the highest rate per style both styles hold at once;"
            + " save it as capacity.json.")
public final class CalibrateCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Mixin private TargetOption target;

  @Option(
      names = "--warmup",
      converter = ZeroOrDuration.class,
      paramLabel = "DURATION",
      defaultValue = "60s",
      description = "warm-up load before the steps, not counted; 0 to skip (default 60s)")
  Duration warmup;

  @Option(
      names = "--warmup-rate",
      paramLabel = "N",
      defaultValue = "50",
      description = "orders/s per style of the warm-up (default 50)")
  double warmupRate;

  @Option(
      names = "--step",
      converter = Durations.class,
      paramLabel = "DURATION",
      defaultValue = "15s",
      description = "how long each rate is held (default 15s)")
  Duration step;

  @Option(
      names = "--rates",
      split = ",",
      paramLabel = "N,N,...",
      description =
          "the ladder of rates per style, ascending (default 10,20,30,50,75,100,150,200,300,500,"
              + "750,1000)")
  List<Double> rates;

  @Option(
      names = "--refine",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "midpoints tried between the last passing and the first failing rate (default 2)")
  int refine;

  @Option(
      names = "--confirm",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "run a failing rate once more and fail it only when both runs fail (default; the"
              + " machine may be shared); --no-confirm trusts the first failure")
  boolean confirm;

  @Option(
      names = "--sync-p99",
      converter = Durations.class,
      paramLabel = "DURATION",
      defaultValue = "250ms",
      description = "bound on the sync PlaceOrder answer p99 (default 250ms)")
  Duration syncP99;

  @Option(
      names = "--async-p99",
      converter = Durations.class,
      paramLabel = "DURATION",
      defaultValue = "1s",
      description = "bound on the async end-to-end p99, accepted to outcome (default 1s)")
  Duration asyncP99;

  @Option(
      names = "--sku",
      paramLabel = "SKU",
      defaultValue = Calibrator.Settings.DEFAULT_SKU,
      description =
          "what the orders ask for (default ${DEFAULT-VALUE}: not the scenarios' SKU-APPLE, so"
              + " calibrating does not use up their stock)")
  String sku;

  @Override
  public Integer call() throws Exception {
    Calibrator.Settings settings = settings(); // bad options are bad usage before the cluster
    Target chosen = lab.context().target(target.asked());
    new ExperimentSession(lab.context(), chosen).requireCluster();
    Calibration c = new LabCapacity(lab.context(), chosen).calibrate(settings);
    if (c.capacityPerStyle().isEmpty()) {
      throw LabException.failure(c.verdict());
    }
    return 0;
  }

  Calibrator.Settings settings() {
    if (!(warmupRate > 0)) {
      throw LabException.usage("--warmup-rate must be above 0, was " + warmupRate);
    }
    try {
      return new Calibrator.Settings(
          warmup,
          warmupRate,
          step,
          new Bounds(syncP99, asyncP99),
          new CapacitySearch(
              rates == null ? CapacitySearch.DEFAULT_LADDER : rates, refine, confirm),
          sku);
    } catch (IllegalArgumentException e) {
      throw LabException.usage(e.getMessage());
    }
  }

  /** A duration, or {@code 0} for none. */
  static final class ZeroOrDuration implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return value.trim().matches("0+(\\.0+)?(ms|s|m)?") ? Duration.ZERO : Durations.parse(value);
    }
  }
}
