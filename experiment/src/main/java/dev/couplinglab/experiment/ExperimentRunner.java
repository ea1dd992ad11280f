package dev.couplinglab.experiment;

import dev.couplinglab.experiment.ledger.LedgerCollector;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.load.FinalStatePoller;
import dev.couplinglab.experiment.load.LoadGenerator;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.StyleAggregator;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.report.ReportWriter;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.experiment.timeline.FaultWindow;
import dev.couplinglab.experiment.timeline.OverloadWindows;
import dev.couplinglab.experiment.timeline.TimelineRunner;
import dev.couplinglab.experiment.trace.TraceSource;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs one experiment end to end: applies the resilience settings, drives the open-loop load over
 * both styles while the timeline plays, waits for recovery, reads the ledger, checks the
 * expectations and writes the report folder. The entry point the lab calls.
 */
public final class ExperimentRunner {

  /** How long the ledger may wait for late notifications and compensations after recovery. */
  static final Duration LEDGER_SETTLE = Duration.ofSeconds(15);

  private static final long PROGRESS_EVERY_MS = 200;

  /**
   * Load that must follow the end of the last fault, so that recovery is seen: the load is extended
   * when a fault ends later than planned (a slow command, a late restart).
   */
  static final Duration RECOVERY_WINDOW = Duration.ofSeconds(20);

  private final Addresses addresses;
  private final FaultDriver faults;
  private final ResilienceApplier resilience;
  private final LagProbe lag;
  private final Progress.Listener progress;
  private final TraceSource traces;
  private final Clock wall;

  public ExperimentRunner(
      Addresses addresses,
      FaultDriver faults,
      ResilienceApplier resilience,
      LagProbe lag,
      Progress.Listener progress) {
    this(addresses, faults, resilience, lag, progress, TraceSource.NONE);
  }

  /** A runner whose reports draw the traced orders read from {@code traces}. */
  public ExperimentRunner(
      Addresses addresses,
      FaultDriver faults,
      ResilienceApplier resilience,
      LagProbe lag,
      Progress.Listener progress,
      TraceSource traces) {
    this.addresses = addresses;
    this.faults = faults;
    this.resilience = resilience;
    this.lag = lag;
    this.progress = progress;
    this.traces = traces;
    this.wall = Clock.systemUTC();
  }

  /**
   * Runs {@code experiment} at its fixed rate; see {@link #run(Experiment, RateBasis, Path)}.
   *
   * @throws IllegalStateException when its rate is a share of capacity (resolve it first)
   */
  public ExperimentResult run(Experiment experiment, Path outputDir) throws Exception {
    return run(experiment, RateBasis.fixed(experiment.load().rateSpec()), outputDir);
  }

  /**
   * Runs {@code experiment} at {@code basis}'s rate (whatever rate the file asks for) and writes
   * its report into {@code outputDir} (created if needed).
   *
   * @throws Exception when the resilience settings cannot be applied, the services cannot be read
   *     before the load, or the report cannot be written; faults that fail are reported instead
   */
  public ExperimentResult run(Experiment experiment, RateBasis basis, Path outputDir)
      throws Exception {
    return run(experiment, basis, Duration.ZERO, outputDir);
  }

  /**
   * Runs {@code experiment} at {@code basis}'s rate after {@code warmup} of the same load that is
   * not counted (see {@link Warmup}), and writes its report into {@code outputDir}.
   */
  public ExperimentResult run(
      Experiment experiment, RateBasis basis, Duration warmup, Path outputDir) throws Exception {
    Experiment resolved = experiment.withLoad(experiment.load().withRate(basis.rate()));
    ManagedChannel order = channel(addresses.order());
    ManagedChannel inventory = channel(addresses.inventory());
    ManagedChannel notification = channel(addresses.notification());
    try (LedgerCollector ledger = new LedgerCollector(order, inventory, notification)) {
      ExperimentResult result = run(resolved, basis, warmup, order, ledger);
      progress.onProgress(phase(Progress.Phase.REPORT, resolved));
      ReportWriter.write(result, outputDir, traces);
      progress.onProgress(phase(Progress.Phase.DONE, resolved));
      return result;
    } finally {
      for (ManagedChannel c : List.of(order, inventory, notification)) {
        c.shutdownNow();
        c.awaitTermination(2, TimeUnit.SECONDS);
      }
    }
  }

  private ExperimentResult run(
      Experiment e,
      RateBasis basis,
      Duration warmupFor,
      ManagedChannel order,
      LedgerCollector ledger)
      throws Exception {
    String runId = UUID.randomUUID().toString().substring(0, 8);
    resilience.apply(e.resilience());
    Warmup warmup = warmUp(e, warmupFor, runId, order);
    Optional<ResilienceCounters> countersBefore = resilience.counters();
    long reservedBefore = ledger.reserved(e.load().sku());
    Duration watchBound =
        e.load()
            .duration()
            .plus(LoadGenerator.MAX_EXTENSION)
            .plus(e.recoveryTimeout())
            .plus(e.load().deadline())
            .plusSeconds(30);
    Instant startedAt = wall.instant();
    try (LoadGenerator load = new LoadGenerator(order, e.load(), runId, watchBound)) {
      TimelineRunner timeline = new TimelineRunner(e.timeline(), faults, load::now, wall);
      if (!e.timeline().isEmpty()) {
        load.openEnd();
      }
      lag.start();
      load.start(System.nanoTime());
      Thread undoOnExit = undoOnExit(timeline);
      timeline.start();
      try {
        reportWhileSending(e, load, timeline);
        load.awaitAnswers(e.load().deadline().plusSeconds(2));
      } finally {
        // Also on a failure: undo every fault this run made. Ctrl-C is the shutdown hook's.
        load.endHere();
        timeline.finish();
        removeHook(undoOnExit);
      }
      List<String> timelineNotes = new ArrayList<>(timeline.skipped());
      Experiment ran = e;
      if (load.endNanos() > e.load().duration().toNanos()) {
        Duration actual = Duration.ofMillis(TimeUnit.NANOSECONDS.toMillis(load.endNanos()));
        ran = e.withLoadDuration(actual);
        timelineNotes.add(
            "Load extended from "
                + DurationText.format(e.load().duration())
                + " to "
                + DurationText.format(actual)
                + " so that "
                + DurationText.format(RECOVERY_WINDOW)
                + " of load follow the end of the last fault as applied.");
      }

      progress.onProgress(phase(Progress.Phase.RECOVERY, e));
      List<OrderRecord> records = new ArrayList<>();
      e.load().styles().forEach(s -> records.addAll(load.records(s)));
      long recoveryEnd = load.now() + e.recoveryTimeout().toNanos();
      new FinalStatePoller(order, load::now).awaitFinal(records, recoveryEnd);
      load.close();

      progress.onProgress(phase(Progress.Phase.LEDGER, e));
      LedgerResult ledgerResult =
          ledger.settle(
              records,
              e.load().sku(),
              e.load().quantity(),
              reservedBefore,
              load::now,
              load.now() + LEDGER_SETTLE.toNanos());

      List<FaultWindow> windows = new ArrayList<>(timeline.windows());
      windows.addAll(OverloadWindows.of(e.load(), startedAt, load.endNanos()));
      windows.sort(Comparator.comparingLong(FaultWindow::startNanos));
      Map<RunStyle, StyleStats> styles = new LinkedHashMap<>();
      for (RunStyle s : e.load().styles()) {
        styles.put(s, StyleAggregator.aggregate(s, load.records(s), load.endNanos(), windows));
      }
      Optional<ResilienceCounters> counters =
          resilience.counters().flatMap(after -> countersBefore.map(after::minus));
      return new ExperimentResult(
          ran,
          runId,
          startedAt,
          wall.instant(),
          styles,
          windows,
          timelineNotes,
          ledgerResult,
          resilience.applies() ? "applied before the load" : "recorded only, not applied",
          counters,
          lag.peakLag(),
          ExpectationCheck.evaluate(e.expectations(), styles, ledgerResult, records, windows),
          List.copyOf(records),
          basis,
          warmup);
    }
  }

  /**
   * Sends {@code e}'s load for {@code duration} under its own run id and waits until its orders are
   * final, so that nothing of it is in flight when the counted run reads the stock, the counters
   * and the lag.
   */
  private Warmup warmUp(Experiment e, Duration duration, String runId, ManagedChannel order)
      throws InterruptedException {
    if (duration.isZero()) {
      return Warmup.none();
    }
    progress.onProgress(phase(Progress.Phase.WARMUP, e));
    // A phased load warms up at its first phase's rate: the warm-up is not the scenario.
    LoadSpec spec =
        e.load().withRate(e.load().rateSpec().phases().get(0).rate()).withDuration(duration);
    Duration bound = duration.plus(e.recoveryTimeout()).plus(spec.deadline()).plusSeconds(30);
    try (LoadGenerator load = new LoadGenerator(order, spec, runId + "-warmup", bound)) {
      load.start(System.nanoTime());
      load.awaitSent();
      load.awaitAnswers(spec.deadline().plusSeconds(2));
      List<OrderRecord> records = new ArrayList<>();
      int sent = 0;
      int failed = 0;
      for (RunStyle s : spec.styles()) {
        records.addAll(load.records(s));
        sent += load.sent(s);
        failed += load.errors(s);
      }
      new FinalStatePoller(order, load::now)
          .awaitFinal(records, load.now() + e.recoveryTimeout().toNanos());
      return new Warmup(duration, sent, failed);
    }
  }

  /** On Ctrl-C (or any exit) during the load: undo the faults in force, and say which. */
  private static Thread undoOnExit(TimelineRunner timeline) {
    Thread hook =
        new Thread(
            () -> {
              List<String> active = timeline.activeNow();
              try {
                timeline.finish();
              } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
              }
              for (String fault : active) {
                System.err.println("experiment stopped early: undid " + fault);
              }
            },
            "experiment-undo-faults");
    Runtime.getRuntime().addShutdownHook(hook);
    return hook;
  }

  private static void removeHook(Thread hook) {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is running or will: it undoes the faults.
    }
  }

  private void reportWhileSending(Experiment e, LoadGenerator load, TimelineRunner timeline)
      throws InterruptedException {
    while (true) {
      if (!load.sealed()) {
        long needed = timeline.loadNeededUntil(RECOVERY_WINDOW);
        if (needed > load.endNanos() && load.endNanos() < load.maxEndNanos()) {
          load.extendTo(needed);
        } else if (load.now() >= load.endNanos()) {
          load.endHere();
        }
      }
      long total = TimeUnit.NANOSECONDS.toMillis(load.endNanos());
      boolean allSent =
          load.sealed()
              && e.load().styles().stream().allMatch(s -> load.sent(s) >= load.scheduledPerStyle());
      Map<RunStyle, Progress.StyleProgress> styles = new EnumMap<>(RunStyle.class);
      for (RunStyle s : e.load().styles()) {
        styles.put(
            s,
            new Progress.StyleProgress(
                load.sent(s), load.scheduledPerStyle(), load.inFlight(s), load.errors(s)));
      }
      long elapsed = Math.min(total, TimeUnit.NANOSECONDS.toMillis(load.now()));
      progress.onProgress(
          new Progress(Progress.Phase.LOAD, elapsed, total, styles, timeline.activeNow()));
      if (allSent) {
        load.awaitSent();
        return;
      }
      Thread.sleep(PROGRESS_EVERY_MS);
    }
  }

  private static Progress phase(Progress.Phase phase, Experiment e) {
    long total = e.load().duration().toMillis();
    return new Progress(phase, total, total, Map.of(), List.of());
  }

  private static ManagedChannel channel(String target) {
    return ManagedChannelBuilder.forTarget(target).usePlaintext().build();
  }
}
