package dev.couplinglab.bench;

import dev.couplinglab.experiment.launch.Part;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the whole benchmark once: the first load on freshly started clusters (cold), then, on one
 * cluster warmed until the JIT settled, the floors and the system unloaded and under load; prints
 * the table, writes the JSON. Exit 0 done, 1 failed, 2 bad usage.
 */
public final class BenchMain {

  /** The rate per style the issue sets the tracing bound at. */
  static final int ISSUE_TRACING_RATE = 1000;

  /** The least rate per style the overload offers (well past this machine's capacity). */
  static final int MIN_OVERLOAD_RATE = 1000;

  private BenchMain() {}

  public static void main(String[] args) {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      System.err.println(BenchOptions.USAGE);
      System.exit(2);
      return;
    }
    try {
      if (!options.runs(BenchOptions.WARM)) {
        runOnly(options, System.out);
      } else {
        BenchResult result = run(options, System.out);
        ResultTable.print(result, System.out);
        ResultJson.write(result, options.out());
      }
      System.out.println("\nAll figures as JSON: " + options.out().toAbsolutePath().normalize());
      System.exit(0);
    } catch (Exception e) {
      System.err.println("error: benchmark failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** What runs while {@code running} holds the cluster now up, for the shutdown hook to stop. */
  @FunctionalInterface
  private interface Stage<T> {
    T run(AtomicReference<ClusterProcesses> running) throws Exception;
  }

  /** Runs {@code part}; whatever cluster it leaves up is stopped, on exit too. */
  private static <T> T stoppingClusters(Stage<T> part) throws Exception {
    AtomicReference<ClusterProcesses> running = new AtomicReference<>();
    Thread stopOnExit =
        new Thread(() -> Optional.ofNullable(running.get()).ifPresent(ClusterProcesses::close));
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      return part.run(running);
    } finally {
      Optional.ofNullable(running.getAndSet(null)).ifPresent(ClusterProcesses::close);
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
  }

  static BenchResult run(BenchOptions options, PrintStream progress) throws Exception {
    Machine before = Machine.now();
    Path work = runDir(options.workRoot());
    progress.printf(
        "Benchmark (%s) on %s, load average %.2f; logs in %s%n",
        options.mode(), before.describe(), before.loadAverage(), work);
    return stoppingClusters(
        running -> {
          ColdRun.Cold cold =
              options.runs(BenchOptions.COLD)
                  ? cold(options, work, running, progress)
                  : ColdRun.Cold.NONE;
          progress.println("WARM: starting Kafka and the three services (child JVMs)...");
          ClusterProcesses cluster = ClusterProcesses.start(options.home(), work.resolve("warm"));
          running.set(cluster);
          BenchResult result = warm(options, before, cold, cluster, work, progress);
          running.getAndSet(null).close();
          int best = result.loaded().bestPassing().map(LoadStep.Result::ratePerStyle).orElse(0);
          return result.with(
              Machine.now(),
              options.runs(BenchOptions.TRACING)
                  ? tracing(options, work, best, running, progress)
                  : null,
              options.runs(BenchOptions.OVERLOAD)
                  ? overload(options, work, best, running, progress)
                  : List.of());
        });
  }

  /** The first load at each cold rate, each on a freshly started cluster. */
  private static ColdRun.Cold cold(
      BenchOptions options,
      Path work,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    BenchOptions.Counts counts = options.counts();
    progress.printf(
        "COLD: %d s of load right after start-up, each rate on a fresh cluster...%n",
        counts.coldLoad().toSeconds());
    return ColdRun.run(
        options.home(),
        work,
        options.coldRates(),
        counts.coldLoad(),
        counts.coldSlice(),
        running,
        progress);
  }

  /**
   * {@code --only} without {@code warm}: the machine, then the rows asked for, printed and written
   * as JSON.
   */
  private static void runOnly(BenchOptions options, PrintStream out) throws Exception {
    Machine before = Machine.now();
    Path work = runDir(options.workRoot());
    out.printf(
        "Benchmark (%s) on %s, load average %.2f; logs in %s%n",
        options.mode(), before.describe(), before.loadAverage(), work);
    ColdRun.Cold cold =
        options.only().contains(BenchOptions.COLD)
            ? stoppingClusters(running -> cold(options, work, running, out))
            : ColdRun.Cold.NONE;
    TracingRows.Result tracing =
        options.only().contains(BenchOptions.TRACING)
            ? stoppingClusters(running -> tracing(options, work, 0, running, out))
            : null;
    List<OverloadRun.Result> overload =
        options.only().contains(BenchOptions.OVERLOAD)
            ? stoppingClusters(running -> overload(options, work, 0, running, out))
            : List.of();
    Machine after = Machine.now();
    ResultTable.header(out, options.mode(), before, after);
    ColdTable.print(cold, out);
    if (tracing != null) {
      TracingRows.print(tracing, out);
    }
    OverloadTable.print(overload, out);
    ResultJson.write(
        ResultJson.only(options.mode(), before, after, cold, tracing, overload), options.out());
  }

  /**
   * The tracing rows at {@code --tracing-rate}, else at the run's best passing rate up to the
   * issue's 1,000/s, else (no search run, or none passed) at the warm-up rate.
   */
  private static TracingRows.Result tracing(
      BenchOptions options,
      Path work,
      int bestPassing,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    int rate;
    String why;
    if (options.tracingRate() > 0) {
      rate = options.tracingRate();
      why = "--tracing-rate";
    } else if (bestPassing > 0) {
      rate = Math.min(ISSUE_TRACING_RATE, bestPassing);
      why = "this run's best passing rate, at most the issue's 1000/s";
    } else {
      rate = RateSearch.WARM_UP_RATE;
      why = "the warm-up rate; --tracing-rate to change";
    }
    BenchOptions.Counts counts = options.counts();
    return TracingRows.run(
        options.home(),
        work,
        rate,
        why,
        counts.tracingStep(),
        counts.warmUpCap(),
        running,
        progress);
  }

  /**
   * The overload rows at {@code --overload-rate}, else twice the best passing rate, at least
   * 1000/s.
   */
  private static List<OverloadRun.Result> overload(
      BenchOptions options,
      Path work,
      int bestPassing,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    int rate =
        options.overloadRate() > 0
            ? options.overloadRate()
            : Math.max(MIN_OVERLOAD_RATE, 2 * bestPassing);
    BenchOptions.Counts counts = options.counts();
    return OverloadRun.run(
        options.home(),
        work,
        rate,
        counts.overload(),
        counts.recovery(),
        counts.warmUpCap(),
        options.limits().syncP99Micros(),
        running,
        progress);
  }

  /** The warm part on a cluster just started: JIT warm-up, floors, unloaded, load steps. */
  private static BenchResult warm(
      BenchOptions options,
      Machine before,
      ColdRun.Cold cold,
      ClusterProcesses cluster,
      Path work,
      PrintStream progress)
      throws Exception {
    BenchOptions.Counts counts = options.counts();
    List<ChildJvm> processes = cluster.processes();
    Map<String, Long> rssAtRest = Memory.snapshot(processes);
    progress.printf("  healthy in %.1f s; pids:", cluster.startToHealthySeconds());
    processes.forEach(p -> progress.printf(" %s %d", p.name(), p.pid()));
    progress.println();
    try (OrderClient client =
        new OrderClient(
            cluster.address(Part.ORDER),
            cluster.address(Part.INVENTORY),
            cluster.address(Part.NOTIFICATION))) {
      progress.printf(
          "JIT warm-up at %d/s per style until every JVM's compiler threads use < %.0f%% of a"
              + " core over %d s (at most %d s)...%n",
          RateSearch.WARM_UP_RATE,
          JitWarmUp.SETTLED_PERCENT,
          JitWarmUp.WINDOW_SECONDS,
          counts.warmUpCap().toSeconds());
      JitWarmUp.Result warmUp =
          JitWarmUp.run(client, RateSearch.WARM_UP_RATE, counts.warmUpCap(), processes, progress);

      progress.println("Floor: gRPC unary echo...");
      Latency grpc =
          GrpcFloor.measure(options.home(), work, counts.grpcWarmUp(), counts.grpcMeasured());
      progress.println("  " + grpc.describe());
      progress.println("Floor: Kafka produce->consume...");
      Latency kafka =
          KafkaFloor.measure(
              cluster.bootstrapServers(), counts.kafkaWarmUp(), counts.kafkaMeasured());
      progress.println("  " + kafka.describe());
      progress.println("Floor: SQLite commit (the services' Database, one row)...");
      Latency commit = CommitFloor.measure(work, counts.commitWarmUp(), counts.commitMeasured());
      progress.println("  " + commit.describe());

      progress.println("System, one order at a time...");
      UnloadedRun.Result unloaded =
          UnloadedRun.run(client, counts.unloadedWarmUp(), counts.unloadedMeasured());
      progress.println("  sync " + unloaded.sync().describe());
      progress.println("  async accept " + unloaded.asyncAccept().describe());
      progress.println("  async e2e " + unloaded.asyncEndToEnd().describe());
      progress.println("  Reserve alone " + unloaded.reserveAlone().describe());
      progress.println("  Notify alone " + unloaded.notifyAlone().describe());

      progress.printf(
          "System under load, %d s per step, both styles at once...%n", counts.step().toSeconds());
      RateSearch.Result loaded =
          RateSearch.run(
              client, options.rates(), options.limits(), counts.step(), processes, progress);
      return new BenchResult(
          options.mode(),
          before,
          Machine.now(),
          cold,
          warmUp,
          grpc,
          kafka,
          commit,
          unloaded,
          options.limits(),
          loaded,
          rssAtRest,
          loadStepForMemory(loaded).peakRssBytes(),
          loadStepForMemory(loaded).ratePerStyle(),
          cluster.startToHealthySeconds(),
          cluster.healthySeconds(),
          null,
          List.of());
    }
  }

  /** The best passing step, or the first failing one if none passed. */
  private static LoadStep.Result loadStepForMemory(RateSearch.Result loaded) {
    return loaded.bestPassing().or(loaded::firstFailing).orElseThrow();
  }

  private static Path runDir(Path root) throws IOException {
    String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
    return Files.createDirectories(root.resolve("run-" + stamp)).toAbsolutePath();
  }
}
