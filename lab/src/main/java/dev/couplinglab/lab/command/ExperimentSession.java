package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.experiment.Addresses;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.ExperimentRunner;
import dev.couplinglab.experiment.Progress;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.ResilienceApplier;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.admin.AdminClient;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.experiments.AdminPort;
import dev.couplinglab.lab.experiments.KafkaLagProbe;
import dev.couplinglab.lab.experiments.LabFaultDriver;
import dev.couplinglab.lab.experiments.LabResilienceApplier;
import dev.couplinglab.lab.experiments.ProgressBar;
import dev.couplinglab.lab.experiments.RunSummary;
import dev.couplinglab.lab.target.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/**
 * Runs one experiment on the lab's target: the service addresses, a fault driver, the resilience
 * settings, a consumer-lag probe and a progress bar, then the summary lines and the report path.
 */
final class ExperimentSession {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
  private static final Duration ADMIN_CLEAR_BOUND = Duration.ofSeconds(5);

  private final LabContext lab;
  private final Target target;

  ExperimentSession(LabContext lab, Target target) {
    this.lab = lab;
    this.target = target;
  }

  /** Fails with one line when the target cannot run anything. */
  void requireCluster() {
    if (target == Target.LOCAL && ProcessOwnership.running(lab.runDir()).isEmpty()) {
      throw LabException.failure(
          "no local cluster runs in "
              + PathText.display(lab.runDir().root())
              + ": start it with 'lab up' (or use --target compose)");
    }
  }

  /** {@code <reports>/<timestamp>-<name>}, or the folder asked for. */
  Path outDir(Path asked, String name) {
    if (asked != null) {
      return asked.toAbsolutePath().normalize();
    }
    return lab.reportsDir(target).resolve(LocalDateTime.now().format(STAMP) + "-" + name);
  }

  LabFaultDriver faultDriver() {
    return new LabFaultDriver(target, lab.faults(target), adminPort(), this::composeLatency);
  }

  /** How long one docker compose command takes now: the median of three {@code ps} calls. */
  private Duration composeLatency() {
    if (target != Target.COMPOSE) {
      return Duration.ZERO;
    }
    long[] nanos = new long[3];
    for (int i = 0; i < nanos.length; i++) {
      long start = System.nanoTime();
      lab.compose().rows();
      nanos[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(nanos);
    return Duration.ofNanos(nanos[1]);
  }

  /** Applies the experiment's settings before the run and restores the previous ones after. */
  LabResilienceApplier applying() {
    return LabResilienceApplier.applying(
        () -> order(AdminClient::resilience), s -> order(c -> c.setResilience(s)));
  }

  /** Reads the settings in force and the counters; changes nothing. */
  LabResilienceApplier readOnly() {
    return LabResilienceApplier.readOnly(() -> order(AdminClient::resilience));
  }

  ResilienceSettings currentResilience() {
    return order(AdminClient::resilience);
  }

  /**
   * Runs at {@code rate}'s rate after {@code warmup} of load not counted, and prints; the caller
   * decides the exit code.
   */
  ExperimentResult run(
      Experiment experiment,
      RateBasis rate,
      Duration warmup,
      Path outDir,
      FaultDriver driver,
      ResilienceApplier resilience)
      throws Exception {
    ProgressBar bar = new ProgressBar(lab.err(), System.console() != null);
    Progress.Listener progress =
        p -> {
          bar.onProgress(p);
          lab.progress().onProgress(p);
        };
    ExperimentResult result;
    try (KafkaLagProbe lag = new KafkaLagProbe(bootstrap())) {
      result =
          new ExperimentRunner(
                  addresses(), driver, resilience, lag, progress, TraceCommand.traces(lab, target))
              .run(experiment, rate, warmup, outDir);
    } finally {
      bar.finish();
      if (resilience instanceof LabResilienceApplier applier) {
        applier.restore();
      }
    }
    RunSummary.styles(result, lab.out());
    return result;
  }

  void printReport(Path outDir) {
    lab.out().println("Report: " + PathText.display(outDir.resolve("report.md")));
  }

  Addresses addresses() {
    return new Addresses(
        lab.serviceAddress(target, Part.ORDER),
        lab.serviceAddress(target, Part.INVENTORY),
        lab.serviceAddress(target, Part.NOTIFICATION));
  }

  String bootstrap() {
    return lab.bootstrap(target);
  }

  private AdminPort adminPort() {
    return new AdminPort() {
      @Override
      public Fault inject(String service, FaultSpec spec) {
        try (AdminClient client = lab.admin(target, Part.byName(service).orElseThrow(), null)) {
          return client.inject(spec);
        }
      }

      @Override
      public int clear(String service, String faultId) {
        try (AdminClient client = lab.admin(target, Part.byName(service).orElseThrow(), null)) {
          return client.clear(faultId, ADMIN_CLEAR_BOUND);
        }
      }
    };
  }

  private <T> T order(Function<AdminClient, T> call) {
    try (AdminClient client = lab.admin(target, Part.ORDER, null)) {
      return call.apply(client);
    }
  }
}
