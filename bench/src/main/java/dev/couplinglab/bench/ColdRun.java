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
 * per rate, so that no rate runs on code the JIT compiled for another. The benchmark's own JVM
 * (every client) is not restarted: it is cold for the first rate only.
 */
final class ColdRun {

  /** One rate on its own fresh cluster: how long it took to be healthy, then its first load. */
  record Result(int ratePerStyle, double startToHealthySeconds, LoadStep.Result step) {}

  private ColdRun() {}

  /** {@code running} holds the cluster now up, for the shutdown hook to stop. */
  static List<Result> run(
      Path home,
      Path work,
      List<Integer> rates,
      Duration duration,
      Duration slice,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    List<Result> results = new ArrayList<>();
    for (int rate : rates) {
      progress.printf("  %d/s per style: starting a fresh cluster...%n", rate);
      try (ClusterProcesses cluster = ClusterProcesses.start(home, work.resolve("cold-" + rate))) {
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
    return results;
  }
}
