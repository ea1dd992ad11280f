package dev.couplinglab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.order.repair.RepairMode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The naive sync chain ({@code repair: none}, as notification-down.yaml runs it) in a cluster of
 * its own: order-service's repair mode is set at start-up here, and {@link ExperimentIT}'s cluster
 * runs the default ({@code durable}) that the other shipped scenarios use.
 */
class NaiveChainIT {

  private static final Path REPORTS = Path.of("target", "experiment-it");

  @TempDir static Path dir;
  private static ExperimentCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ExperimentCluster(dir.resolve("cluster"), RepairMode.NONE);
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  @Test
  void notificationDownLeavesSyncNotificationsMissingWhileAsyncOnesArrive() throws Exception {
    ExperimentRunner runner =
        new ExperimentRunner(
            cluster.addresses(),
            cluster.notificationKiller(),
            ResilienceApplier.recordOnly(),
            LagProbe.none(),
            Progress.Listener.none());

    ExperimentResult r =
        runner.run(
            ExperimentParser.parse(
                """
                name: notification-down-it
                load: {rate: 10, duration: 5s}
                timeline:
                  - {at: 1s, fault: kill, target: notification-service, for: 2s}
                recovery: {timeout: 30s}
                expectations: {sync_errors_during_fault: true, async_accept_errors: 0, ledger_clean: false}
                """),
            REPORTS.resolve("notification-down"));

    StyleStats async = r.styles().get(RunStyle.ASYNC);
    assertThat(r.ledger().missingNotifications())
        .as("sync orders confirmed while Notify failed are named as missing")
        .isNotEmpty()
        .allMatch(line -> line.contains("(sync, CONFIRMED"));
    assertThat(async.errors()).as("async accepts throughout").isZero();
    assertThat(async.notFinal()).as("async orders left without an outcome").isZero();
    assertThat(r.passed()).as("expectations " + r.expectations()).isTrue();
  }
}
