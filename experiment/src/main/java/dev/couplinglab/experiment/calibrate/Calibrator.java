package dev.couplinglab.experiment.calibrate;

import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.experiment.load.FinalStatePoller;
import dev.couplinglab.experiment.load.LoadGenerator;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.StyleAggregator;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Measures the capacity of a running cluster: a warm-up load (not counted), then steps of open-loop
 * load over both styles at once, each step a fresh {@link LoadGenerator} run aggregated like an
 * experiment's, the rates chosen by {@link CapacitySearch}. Prints one line per phase and per step.
 * Orders are real: they take stock of {@link Settings#sku()}, so the search stops before a step the
 * stock left cannot feed (a REJECTED order would fail the step and understate the capacity).
 */
public final class Calibrator {

  private static final Duration DEADLINE = LoadSpec.DEFAULT_DEADLINE;

  /** How long a step waits for its async outcomes beyond the bound before it counts them lost. */
  private static final Duration OUTCOME_GRACE = Duration.ofSeconds(5);

  private static final Duration STOCK_DEADLINE = Duration.ofSeconds(2);

  /**
   * How a calibration runs.
   *
   * @param warmup how long the warm-up load lasts (zero: none)
   * @param warmupRate the warm-up's orders/s per style
   * @param step how long each step's load lasts
   */
  public record Settings(
      Duration warmup,
      double warmupRate,
      Duration step,
      Bounds bounds,
      CapacitySearch search,
      String sku) {

    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(60);
    public static final double DEFAULT_WARMUP_RATE = 50;
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(15);
    public static final String DEFAULT_SKU = "SKU-BREAD";

    public static Settings defaults() {
      return new Settings(
          DEFAULT_WARMUP,
          DEFAULT_WARMUP_RATE,
          DEFAULT_STEP,
          Bounds.DEFAULT,
          new CapacitySearch(CapacitySearch.DEFAULT_LADDER, 2, true),
          DEFAULT_SKU);
    }
  }

  private final Channel order;
  private final InventoryServiceBlockingStub inventory;
  private final Consumer<String> out;
  private final Clock wall;

  /**
   * @param order a channel to order-service
   * @param inventory a channel to inventory-service, to read the stock a step needs
   * @param out receives one line per phase and per step
   */
  public Calibrator(Channel order, Channel inventory, Consumer<String> out) {
    this.order = order;
    this.inventory = InventoryServiceGrpc.newBlockingStub(inventory);
    this.out = out;
    this.wall = Clock.systemUTC();
  }

  /** Warms up, searches, and returns the calibration of {@code target}. */
  public Calibration run(Settings settings, String target) throws InterruptedException {
    Machine machine = Machine.local();
    out.accept("Machine: " + machine.describe());
    out.accept("Bounds: " + settings.bounds().describe() + ", no PlaceOrder error");
    warmUp(settings);
    List<StepResult> steps = new ArrayList<>();
    CapacitySearch search = settings.search();
    Optional<String> stopped = Optional.empty();
    for (OptionalDouble next = search.next(steps, settings.bounds());
        next.isPresent() && stopped.isEmpty();
        next = search.next(steps, settings.bounds())) {
      stopped = shortfall(settings, next.getAsDouble(), settings.step());
      if (stopped.isEmpty()) {
        if (!steps.isEmpty() && steps.get(steps.size() - 1).rate() == next.getAsDouble()) {
          out.accept("            once more to confirm the failure (the machine may be shared)...");
        }
        StepResult step = step(next.getAsDouble(), settings.step(), settings);
        steps.add(step);
        out.accept(line(step, settings.bounds()));
      }
    }
    CapacitySearch.Outcome outcome =
        stopped.isPresent()
            ? search.stoppedEarly(steps, settings.bounds(), stopped.get())
            : search.outcome(steps, settings.bounds());
    out.accept(outcome.verdict());
    return new Calibration(
        outcome.capacityPerStyle(),
        outcome.verdict(),
        settings.bounds(),
        steps,
        settings.step(),
        target,
        machine,
        wall.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  private void warmUp(Settings settings) throws InterruptedException {
    Optional<String> shortfall = shortfall(settings, settings.warmupRate(), settings.warmup());
    if (settings.warmup().isZero()) {
      out.accept("Warm-up: skipped (--warmup 0); the first steps may measure a cold JVM");
    } else if (shortfall.isPresent()) {
      out.accept("Warm-up: skipped, " + shortfall.get());
    } else {
      out.accept(
          "Warm-up: "
              + DurationText.format(settings.warmup())
              + " at "
              + RateFormat.perSecond(settings.warmupRate())
              + " per style, not counted (the JIT compiles the order paths; on 2 cores that"
              + " takes minutes)...");
      StepResult warm = step(settings.warmupRate(), settings.warmup(), settings);
      out.accept("Warm-up done: " + figures(warm));
    }
    out.accept(
        "Steps of " + DurationText.format(settings.step()) + ", both styles at once, per style:");
  }

  /** Both styles at {@code rate} for {@code duration}, then their outcomes, aggregated. */
  StepResult step(double rate, Duration duration, Settings settings) throws InterruptedException {
    LoadSpec spec =
        new LoadSpec(
            rate, duration, List.of(RunStyle.SYNC, RunStyle.ASYNC), settings.sku(), 1, DEADLINE);
    Duration outcomeBound = settings.bounds().asyncEndToEndP99().plus(OUTCOME_GRACE);
    String runId = "cal-" + UUID.randomUUID().toString().substring(0, 8);
    try (LoadGenerator load =
        new LoadGenerator(order, spec, runId, duration.plus(DEADLINE).plus(outcomeBound))) {
      load.start(System.nanoTime());
      load.awaitSent();
      load.awaitAnswers(DEADLINE.plusSeconds(2));
      List<OrderRecord> async = load.records(RunStyle.ASYNC);
      new FinalStatePoller(order, load::now).awaitFinal(async, load.now() + outcomeBound.toNanos());
      long end = duration.toNanos();
      StyleStats syncStats =
          StyleAggregator.aggregate(RunStyle.SYNC, load.records(RunStyle.SYNC), end, List.of());
      StyleStats asyncStats = StyleAggregator.aggregate(RunStyle.ASYNC, async, end, List.of());
      return StepResult.of(rate, syncStats, asyncStats);
    }
  }

  /** Why the stock of the SKU cannot feed a step, or empty (also when it cannot be read). */
  private Optional<String> shortfall(Settings settings, double rate, Duration duration) {
    long available;
    try {
      available =
          inventory
              .withDeadlineAfter(STOCK_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .getStock(GetStockRequest.newBuilder().setSku(settings.sku()).build())
              .getLevelsList()
              .stream()
              .filter(l -> l.getSku().equals(settings.sku()))
              .mapToLong(StockLevel::getAvailable)
              .findFirst()
              .orElse(-1);
    } catch (StatusRuntimeException e) {
      available = -1; // unknown: the step runs, and a REJECTED order fails it
    }
    return CapacitySearch.stockShortfall(
        settings.sku(), available, rate, duration.toMillis() / 1000.0);
  }

  /** {@code 50/s sync p99 12.3 ms, async e2e p99 80.1 ms, errors 0 PASS}. */
  static String line(StepResult s, Bounds bounds) {
    String failure = s.failure(bounds);
    return String.format(
        Locale.ROOT,
        "  %8s  %s  %s",
        RateFormat.perSecond(s.rate()),
        figures(s),
        failure.isEmpty() ? "PASS" : "FAIL: " + failure);
  }

  private static String figures(StepResult s) {
    return "sync p99 "
        + StepResult.ms(s.syncAnswer().p99Micros())
        + ", async e2e p99 "
        + StepResult.ms(s.asyncEndToEnd().p99Micros())
        + ", errors "
        + s.errorCount();
  }
}
