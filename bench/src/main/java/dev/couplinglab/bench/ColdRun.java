package dev.couplinglab.bench;

import dev.couplinglab.experiment.launch.Part;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The cluster as a user meets it right after start-up: for each rate, Kafka and the three services
 * are started as new child JVMs, and as soon as all are healthy both styles are sent at that rate
 * per style for the first minute (one load step, kept by slices of send time). One fresh cluster
 * per rate, so that no rate runs on code the JIT compiled for another. Before them one cluster is
 * started and stopped, as a user's first {@code lab up}: it records the class-data archives that
 * the later ones map ({@code LaunchPlan}). The benchmark's own JVM (every client) is not restarted:
 * it is cold for the first rate only.
 */
final class ColdRun {

  /** One rate on its own fresh cluster: how long it took to be healthy, then its first load. */
  record Result(int ratePerStyle, double startToHealthySeconds, LoadStep.Result step) {}

  /**
   * @param firstStartToHealthySeconds the cluster started once, with no class-data archives yet,
   *     and stopped (it recorded them): a user's first {@code lab up}
   * @param rates each rate's first minute on a fresh cluster that maps those archives, as every
   *     later {@code lab up} does
   */
  record Cold(double firstStartToHealthySeconds, List<Result> rates) {
    static final Cold NONE = new Cold(Double.NaN, List.of());
  }

  private ColdRun() {}

  /** {@code running} holds the cluster now up, for the shutdown hook to stop. */
  static Cold run(
      Path home,
      Path work,
      List<Integer> rates,
      Duration duration,
      Duration slice,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    progress.println(
        "  first start: no class-data archives yet; started and stopped to record them");
    double firstStart;
    try (ClusterProcesses cluster = ClusterProcesses.start(home, work.resolve("cold-first"))) {
      running.set(cluster);
      firstStart = cluster.startToHealthySeconds();
    } finally {
      running.set(null);
    }
    progress.printf("  first start: healthy in %.1f s%n", firstStart);
    List<Result> results = new ArrayList<>();
    for (int i = 0; i < rates.size(); i++) {
      int rate = rates.get(i);
      progress.printf("  %d/s per style: starting a fresh cluster...%n", rate);
      Path dir = work.resolve("cold-" + (i + 1) + "-" + rate);
      try (ClusterProcesses cluster = ClusterProcesses.start(home, dir)) {
        running.set(cluster);
        LoadStep.Result step;
        try (OrderClient client =
            new OrderClient(
                cluster.address(Part.ORDER),
                cluster.address(Part.INVENTORY),
                cluster.address(Part.NOTIFICATION))) {
          step = LoadStep.run(client, rate, duration, slice, cluster.processes());
        }
        progress.printf(
            "  %d/s per style: healthy in %.1f s, then sync %s | async e2e %s | errors %d%n",
            rate,
            cluster.startToHealthySeconds(),
            step.sync().describe(),
            step.asyncEndToEnd().describe(),
            step.errorCount());
        results.add(new Result(rate, cluster.startToHealthySeconds(), step));
      } finally {
        running.set(null);
      }
    }
    return new Cold(firstStart, results);
  }
}
