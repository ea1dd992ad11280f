package dev.couplinglab.bench;

import dev.couplinglab.experiment.launch.Part;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fresh cluster for one variant of a comparison (tracing on or off, shedding on or off): Kafka
 * and the three services started anew with the variant's environment, warmed by {@link JitWarmUp}
 * exactly as the warm cluster is, then measured, then stopped. Every variant starts from the same
 * state (new JVMs, empty stores, full stock) and is warmed the same way, so they differ only in
 * their environment and in the shared machine's mood while each runs.
 */
final class WarmedCluster {

  /** What to measure on the warmed cluster. */
  @FunctionalInterface
  interface Measure<T> {
    T on(OrderClient client, ClusterProcesses cluster);
  }

  private WarmedCluster() {}

  static <T> T run(
      Path home,
      Path workDir,
      Map<String, String> serviceEnv,
      Duration warmUpCap,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress,
      Measure<T> measure) {
    progress.printf("  starting a fresh cluster with %s...%n", serviceEnv);
    try (ClusterProcesses cluster = ClusterProcesses.start(home, workDir, serviceEnv)) {
      running.set(cluster);
      try (OrderClient client =
          new OrderClient(
              cluster.address(Part.ORDER),
              cluster.address(Part.INVENTORY),
              cluster.address(Part.NOTIFICATION))) {
        JitWarmUp.Result warm =
            JitWarmUp.run(
                client, RateSearch.WARM_UP_RATE, warmUpCap, cluster.processes(), progress);
        progress.printf(
            "  warmed for %.0f s (%s)%n",
            warm.seconds(), warm.settled() ? "settled" : "NOT settled");
        return measure.on(client, cluster);
      }
    } finally {
      running.set(null);
    }
  }
}
