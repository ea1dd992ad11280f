package dev.couplinglab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.report.ReportWriter;
import dev.couplinglab.experiment.timeline.FaultDriver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole experiments against the three real services in-process (real gRPC over TCP, a real Kafka
 * broker): a short baseline, and inventory-service killed and restarted under load.
 */
class ExperimentIT {

  /** Reports stay in target/ after the build, for a person to open. */
  private static final Path REPORTS = Path.of("target", "experiment-it");

  @TempDir static Path dir;
  private static ExperimentCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = new ExperimentCluster(dir.resolve("cluster"));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  /** A runner on the in-process cluster with no faults to drive and no settings to apply. */
  private static ExperimentRunner runner(Progress.Listener progress) {
    return new ExperimentRunner(
        cluster.addresses(),
        FaultDriver.none(),
        ResilienceApplier.recordOnly(),
        LagProbe.none(),
        progress);
  }

  @Test
  void baselineRunsBothStylesCleanly() throws Exception {
    List<Progress> progress = new CopyOnWriteArrayList<>();
    ExperimentRunner runner = runner(progress::add);

    ExperimentResult r =
        runner.run(
            ExperimentParser.parse(
                """
                name: baseline-it
                load: {rate: 20, duration: 5s}
                recovery: {timeout: 30s}
                expectations: {async_accept_errors: 0, ledger_clean: true}
                """),
            REPORTS.resolve("baseline"));

    StyleStats sync = r.styles().get(RunStyle.SYNC);
    StyleStats async = r.styles().get(RunStyle.ASYNC);
    assertThat(sync.sent()).as("20/s for 5 s").isEqualTo(100);
    assertThat(async.sent()).isEqualTo(100);
    assertThat(sync.errorsByStatus()).as("sync errors").isEmpty();
    assertThat(async.errorsByStatus()).as("async errors").isEmpty();
    assertThat(sync.confirmed()).as("every sync order confirmed in the answer").isEqualTo(100);
    assertThat(async.notFinal()).as("async orders without a final state").isZero();
    assertThat(async.confirmed()).as("every async order confirmed").isEqualTo(100);
    assertThat(r.ledger().clean()).as("ledger: " + r.ledger()).isTrue();
    assertThat(r.ledger().confirmedQuantity()).isEqualTo(200);
    assertThat(r.passed()).as("expectations " + r.expectations()).isTrue();
    assertThat(progress)
        .as("progress during the load and at the end")
        .anyMatch(p -> p.phase() == Progress.Phase.LOAD)
        .last()
        .extracting(Progress::phase)
        .isEqualTo(Progress.Phase.DONE);
    assertReportFolder(REPORTS.resolve("baseline"));
  }

  @Test
  void aLoadInPhasesFollowsItsScheduleAndItsOverloadPhaseIsAWindow() throws Exception {
    ExperimentRunner runner = runner(p -> {});

    ExperimentResult r =
        runner.run(
            ExperimentParser.parse(
                """
                name: phases-it
                load:
                  rate: {phases: [{at: 0s, rate: 10}, {at: 2s, rate: 30, overload: true}, {at: 3s, rate: 10}]}
                  duration: 5s
                recovery: {timeout: 30s}
                expectations:
                  ledger_clean: true
                  status_during_fault: [{style: async, code: OK, at_least: 100%}]
                  recovered_within: 10s
                """),
            REPORTS.resolve("phases"));

    assertThat(r.styles().get(RunStyle.SYNC).sent())
        .as("10/s for 2 s, 30/s for 1 s, 10/s for 2 s")
        .isEqualTo(70);
    assertThat(r.styles().get(RunStyle.SYNC).series().get(2).sent())
        .as("the overload second")
        .isEqualTo(30);
    assertThat(r.windows()).as("the overload phase as a window").hasSize(1);
    assertThat(r.windows().get(0).startNanos()).isEqualTo(2_000_000_000L);
    assertThat(r.windows().get(0).endNanos()).isEqualTo(3_000_000_000L);
    assertThat(r.passed()).as("expectations " + r.expectations()).isTrue();
    assertThat(Files.readString(REPORTS.resolve("phases").resolve(ReportWriter.REPORT)))
        .contains("10/s from 0s, 30/s from 2s (planned overload), 10/s from 3s");
  }

  @Test
  void warmUpIsSentFirstAndNotCounted() throws Exception {
    List<Progress> progress = new CopyOnWriteArrayList<>();
    ExperimentRunner runner = runner(progress::add);

    ExperimentResult r =
        runner.run(
            ExperimentParser.parse(
                """
                name: warmup-it
                load: {rate: 20, duration: 3s}
                recovery: {timeout: 30s}
                expectations: {async_accept_errors: 0, ledger_clean: true}
                """),
            RateBasis.fixed(20),
            Duration.ofSeconds(2),
            REPORTS.resolve("warmup"));

    assertThat(r.warmup().sent()).as("20/s for 2 s, both styles").isEqualTo(80);
    assertThat(r.warmup().failed()).isZero();
    assertThat(r.styles().get(RunStyle.SYNC).sent()).as("the run alone").isEqualTo(60);
    assertThat(r.orders()).noneMatch(o -> o.orderId().contains("warmup"));
    assertThat(r.ledger().confirmedQuantity())
        .as("the ledger counts the run's orders only, the warm-up's reservations before it")
        .isEqualTo(120);
    assertThat(r.ledger().clean()).as("ledger: " + r.ledger()).isTrue();
    assertThat(progress.stream().map(Progress::phase).distinct())
        .as("the warm-up comes before the load")
        .startsWith(Progress.Phase.WARMUP, Progress.Phase.LOAD);
    assertThat(Files.readString(REPORTS.resolve("warmup").resolve(ReportWriter.REPORT)))
        .contains("2s of the same load warmed the client and the cluster (80 orders, 0 calls");
  }

  @Test
  void inventoryDownFailsSyncWhileAsyncAcceptsAndCatchesUp() throws Exception {
    ExperimentRunner runner =
        new ExperimentRunner(
            cluster.addresses(),
            cluster.inventoryKiller(),
            ResilienceApplier.recordOnly(),
            LagProbe.none(),
            Progress.Listener.none());

    ExperimentResult r =
        runner.run(
            ExperimentParser.parse(
                """
                name: inventory-down-it
                load: {rate: 20, duration: 6s}
                timeline:
                  - {at: 1s, fault: kill, target: inventory-service, for: 2s}
                recovery: {timeout: 30s}
                expectations: {sync_errors_during_fault: true, async_accept_errors: 0, ledger_clean: true}
                """),
            REPORTS.resolve("inventory-down"));

    StyleStats sync = r.styles().get(RunStyle.SYNC);
    StyleStats async = r.styles().get(RunStyle.ASYNC);
    assertThat(r.windows())
        .as("the kill as applied")
        .singleElement()
        .satisfies(w -> assertThat(w.error()).isNull());
    assertThat(sync.errorsByStatus()).as("sync inherits the outage").containsKey("UNAVAILABLE");
    assertThat(sync.errorsDuringFault()).as("sync errors inside the window").isPositive();
    assertThat(async.errors()).as("async accepts throughout").isZero();
    assertThat(async.accepted()).isEqualTo(async.sent());
    assertThat(async.notFinal()).as("async orders left without an outcome").isZero();
    assertThat(async.confirmed())
        .as("every accepted async order confirmed after recovery")
        .isEqualTo(async.accepted());
    assertThat(r.ledger().clean()).as("ledger: " + r.ledger()).isTrue();
    assertThat(r.passed()).as("expectations " + r.expectations()).isTrue();
    assertReportFolder(REPORTS.resolve("inventory-down"));
    String md = Files.readString(REPORTS.resolve("inventory-down").resolve(ReportWriter.REPORT));
    assertThat(md).contains("| kill inventory-service for 2s | 1s to 3s |").contains("**PASS**");
    assertThat(md)
        .as("how long after the fault the ledger was clean")
        .containsPattern(
            "Clean: every count is 0\\. First read clean \\d+\\.\\d s after the last fault ended");
    System.out.println(md);
  }

  private static void assertReportFolder(Path folder) {
    for (String file :
        List.of(
            ReportWriter.REPORT,
            ReportWriter.LATENCY_SVG,
            ReportWriter.THROUGHPUT_SVG,
            ReportWriter.DATA_JSON,
            ReportWriter.TIMESERIES_CSV)) {
      assertThat(folder.resolve(file)).as(file).isNotEmptyFile();
    }
  }
}
