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
      BenchResult result = run(options, System.out);
      ResultTable.print(result, System.out);
      ResultJson.write(result, options.out());
      System.out.println("\nAll figures as JSON: " + options.out().toAbsolutePath().normalize());
      System.exit(0);
    } catch (Exception e) {
      System.err.println("error: benchmark failed: " + e);
      e.printStackTrace();
      System.exit(1);
    }
  }

  static BenchResult run(BenchOptions options, PrintStream progress) throws Exception {
    Machine before = Machine.now();
    Path work = runDir(options.workRoot());
    progress.printf(
        "Benchmark (%s) on %s, load average %.2f; logs in %s%n",
        options.mode(), before.describe(), before.loadAverage(), work);
    AtomicReference<ClusterProcesses> running = new AtomicReference<>();
    Thread stopOnExit =
        new Thread(() -> Optional.ofNullable(running.get()).ifPresent(ClusterProcesses::close));
    Runtime.getRuntime().addShutdownHook(stopOnExit);
    try {
      BenchOptions.Counts counts = options.counts();
      progress.printf(
          "COLD: %d s of load right after start-up, each rate on a fresh cluster...%n",
          counts.coldLoad().toSeconds());
      List<ColdRun.Result> cold =
          ColdRun.run(
              options.home(),
              work,
              options.coldRates(),
              counts.coldLoad(),
              counts.coldSlice(),
              running,
              progress);
      progress.println("WARM: starting Kafka and the three services (child JVMs)...");
      ClusterProcesses cluster = ClusterProcesses.start(options.home(), work.resolve("warm"));
      running.set(cluster);
      return warm(options, before, cold, cluster, work, progress);
    } finally {
      Optional.ofNullable(running.getAndSet(null)).ifPresent(ClusterProcesses::close);
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    }
  }

  /** The warm part on a cluster just started: JIT warm-up, floors, unloaded, load steps. */
  private static BenchResult warm(
      BenchOptions options,
      Machine before,
      List<ColdRun.Result> cold,
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
          unloaded,
          options.limits(),
          loaded,
          rssAtRest,
          loadStepForMemory(loaded).peakRssBytes(),
          loadStepForMemory(loaded).ratePerStyle(),
          cluster.startToHealthySeconds(),
          cluster.healthySeconds());
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
