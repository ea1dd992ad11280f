package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.lab.LabCluster.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real thing, end to end: {@code bin/lab up} starts Kafka and the three services from their
 * built jars on free ports, orders go through both styles, their logs are followed across the
 * services, load and an experiment run, and {@code bin/lab down} leaves nothing of ours running.
 * The faults are {@link LabFaultsIT}'s. Each test stands alone on the cluster started once for the
 * class: it places the orders it looks at and leaves no fault behind.
 */
class LabCommandsIT extends OnLabCluster {

  @Test
  void upStartsEveryPartAndMakesAnOwnerOnlyTokenItNeverPrints() throws Exception {
    Result up = cluster.upResult();

    for (String part : LabCluster.PARTS) {
      assertThat(up.output())
          .as("lab up lists " + part)
          .containsPattern("(?m)^" + part + "\\s+\\d+");
    }
    assertThat(up.output()).as("lab up says it is healthy").contains("Cluster healthy in ");
    assertThat(cluster.tokenFile()).as("lab up made an admin token").isRegularFile();
    String token = cluster.token();
    assertThat(token).as("32 hex characters").matches("[0-9a-f]{32}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cluster.tokenFile())))
        .as("owner-only")
        .isEqualTo("rw-------");
    assertThat(up.output()).as("lab up never prints the token").doesNotContain(token);
  }

  @Test
  void placesASyncOrderThatIsConfirmed() throws Exception {
    placeConfirmedSyncOrder();
  }

  @Test
  void placesAnAsyncOrderAndWaitsForItsConfirmation() throws Exception {
    placeConfirmedAsyncOrder();
  }

  @Test
  void placesASyncOrderThatIsRejectedForShortStock() throws Exception {
    placeRejectedSyncOrder();
  }

  @Test
  void followsEachOrderThroughTheLogsOfAllThreeServices() throws Exception {
    Map<String, String> orderIds = new LinkedHashMap<>();
    orderIds.put("sync-confirmed", placeConfirmedSyncOrder());
    orderIds.put("async-confirmed", placeConfirmedAsyncOrder());
    orderIds.put("sync-rejected", placeRejectedSyncOrder());
    for (Map.Entry<String, String> order : orderIds.entrySet()) {
      // The async path's notification is recorded after the client saw CONFIRMED: wait for it.
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Result logs =
                    cluster.lab(Duration.ofSeconds(30), "logs", "--order", order.getValue());
                assertThat(logs.exitCode()).as(order.getKey() + " logs exit code").isZero();
                for (String service :
                    List.of("order-service", "inventory-service", "notification-service")) {
                  assertThat(logs.output())
                      .as(order.getKey() + " (" + order.getValue() + ") has lines from " + service)
                      .contains(" " + service + " [");
                }
                assertThat(logs.output())
                    .as("every line is about this order")
                    .doesNotContainPattern(
                        "(?m)orderId=(?!" + Pattern.quote(order.getValue()) + "(\\s|$))");
              });
    }
  }

  @Test
  void tracesAFinishedOrderOfEachStyleAndBothOnOneAxis() throws Exception {
    String sync = placeConfirmedSyncOrder();
    String async = placeConfirmedAsyncOrder();
    // Spans reach the span files within about a second of their end.
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () -> {
              Result trace = cluster.lab(Duration.ofSeconds(30), "trace", async);
              assertThat(trace.exitCode()).as("exit code; output:\n" + trace.output()).isZero();
              assertThat(trace.output())
                  .contains("order " + async, "client answered ^", "outbox wait", "broker hop")
                  .contains("order-service", "inventory-service", "notification-service");
            });
    Result syncTrace = cluster.lab(Duration.ofSeconds(30), "trace", sync);
    assertThat(syncTrace.exitCode()).as("output:\n" + syncTrace.output()).isZero();
    assertThat(syncTrace.output())
        .contains("order " + sync, "inventory-service", "notification-service")
        .doesNotContain("outbox wait");
    Result both = cluster.lab(Duration.ofSeconds(30), "trace", "--compare", sync, async);
    assertThat(both.exitCode()).as("output:\n" + both.output()).isZero();
    assertThat(both.output())
        .startsWith("Both chains on one time axis")
        .contains("order " + sync, "order " + async);
    Result none = cluster.lab(Duration.ofSeconds(30), "trace", "no-such-order");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(none.output()).contains("no span names order no-such-order");
  }

  @Test
  void placesOneOrderOfEachStyleAndDrawsBothChainsOnOneAxis() throws Exception {
    Result both = cluster.order(Duration.ofSeconds(60), "both", "--trace");

    assertThat(both.exitCode()).as("exit code; output:\n" + both.output()).isZero();
    assertThat(both.output())
        .as("both outcomes, then both chains on one time axis; output:\n" + both.output())
        .contains(" sync CONFIRMED in ", " async CONFIRMED after ")
        .contains("Both chains on one time axis")
        .contains("order-service", "inventory-service", "notification-service")
        .contains("outbox wait", "broker hop")
        .doesNotContain("still missing spans");
    assertThat(Pattern.compile("client answered \\^").matcher(both.output()).results().count())
        .as("an answer mark under each chain")
        .isEqualTo(2);
    assertThat(Pattern.compile("(?m)^trace \\S+  (sync|async) order ").matcher(both.output()))
        .as("each chain names its style and order")
        .satisfies(
            m ->
                assertThat(m.results().map(r -> r.group(1)).toList())
                    .containsExactly("sync", "async"));
  }

  @Test
  void reportsAllThreeServicesServing() throws Exception {
    Result status = cluster.lab(Duration.ofSeconds(30), "status");

    assertThat(status.exitCode()).as("exit code").isZero();
    assertThat(
            Pattern.compile("(?m)^\\S+-service\\s+\\d+\\s+alive\\s+SERVING\\b")
                .matcher(status.output())
                .results()
                .count())
        .as("three services SERVING; output:\n" + status.output())
        .isEqualTo(3);
    assertThat(status.output())
        .as("each service's API under it")
        .containsPattern("(?m)^  api\\s+SERVING$");
    assertThat(status.output()).as("kafka up").containsPattern("(?m)^kafka\\s+\\d+\\s+alive\\s+up");
  }

  @Test
  void secondUpKeepsTheTokenAndNeverPrintsIt() throws Exception {
    String token = cluster.token();
    Result again = cluster.lab(Duration.ofSeconds(60), "up");

    assertThat(again.output()).as("already up").contains("Cluster already up");
    assertThat(cluster.token()).as("the same token").isEqualTo(token);
    assertThat(again.output()).as("not printed").doesNotContain(token);
  }

  @Test
  void loadSendsEveryOrderOfBothStylesAndSummarises() throws Exception {
    Result load = cluster.lab(Duration.ofSeconds(120), "load", "--rate", "20", "--duration", "3s");

    assertRanToTheEnd(load);
    assertThat(load.output())
        .as("60 sent, 60 answered, no error per style; output:\n" + load.output())
        .containsPattern("(?m)^sync\\s+60\\s+60\\s+0\\s")
        .containsPattern("(?m)^async\\s+60\\s+60\\s+0\\s");
    Matcher report = Pattern.compile("(?m)^Report: (\\S+)$").matcher(load.output());
    assertThat(report.find()).as("report path").isTrue();
    assertThat(cluster.home().resolve(report.group(1))).as("report written").isRegularFile();
  }

  @Test
  void experimentWithAPausedInventoryMeetsItsExpectations() throws Exception {
    Path file = cluster.runDir().resolve("paused-short.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name: paused-short",
            "description: inventory-service paused for 2 s under a light load",
            "load: {rate: 10, duration: 6s, styles: [sync, async], sku: SKU-APPLE, quantity: 1}",
            "timeline:",
            "  - {at: 1s, fault: pause, target: inventory-service, for: 2s}",
            "resilience: {deadline: 1000ms, max_attempts: 1, circuit_breaker: false, bulkhead: 0}",
            "recovery: {timeout: 30s}",
            "expectations: {sync_errors_during_fault: true, async_accept_errors: 0, ledger_clean:"
                + " true}",
            ""));
    Path out = cluster.runDir().resolve("paused-report");

    Result run;
    try {
      run =
          cluster.lab(
              Duration.ofSeconds(180),
              "experiment",
              "run",
              file.toString(),
              "--out",
              out.toString());
    } finally {
      // Its pause is undone by the run itself; should the run break off, by this.
      cluster.lab(Duration.ofSeconds(120), "fault", "clear");
    }

    assertRanToTheEnd(run);
    assertThat(run.output())
        .as("expectations shown")
        .contains("PASS sync_errors_during_fault")
        .contains("PASS ledger_clean");
    assertThat(out.resolve("report.md")).as("report written").isRegularFile();
  }

  /**
   * Exit 0, or 3 when the run's own health check found the cluster overloaded outside the fault: on
   * a cluster that has just started, cold JVMs on a busy 2-core machine can push a p99 over its
   * bound. That verdict is a timing (the benchmark's and the report's business, not a test's); the
   * command having run to the end and said so is what is checked.
   */
  private static void assertRanToTheEnd(Result result) {
    assertThat(result.exitCode())
        .as("exit 0, or 3 (INCONCLUSIVE); output:\n" + result.output())
        .isIn(0, 3);
    if (result.exitCode() == 3) {
      assertThat(result.output())
          .as("an INCONCLUSIVE run says so in one line")
          .contains("inconclusive: the cluster was overloaded at");
    }
  }

  /** Places the order and checks its outcome; returns its id. */
  private static String placeConfirmedSyncOrder() throws Exception {
    Result result =
        cluster.lab(
            Duration.ofSeconds(30), "order", "--style", "sync", "--sku", "SKU-APPLE", "--qty", "2");

    assertThat(result.exitCode()).as("exit code; output:\n" + result.output()).isZero();
    assertThat(result.output()).as("sync outcome").contains(" sync CONFIRMED in ");
    return LabCluster.orderId(result);
  }

  /** Places the order and checks its outcome; returns its id. */
  private static String placeConfirmedAsyncOrder() throws Exception {
    Result result = cluster.order(Duration.ofSeconds(30), "async", "--wait");

    assertThat(result.exitCode()).as("exit code; output:\n" + result.output()).isZero();
    assertThat(result.output())
        .as("accepted as PENDING, then CONFIRMED")
        .containsPattern("(?s) async PENDING, accepted in .* async CONFIRMED after .* end to end");
    return LabCluster.orderId(result);
  }

  /** Places the order and checks its outcome; returns its id. */
  private static String placeRejectedSyncOrder() throws Exception {
    Result result =
        cluster.lab(
            Duration.ofSeconds(30), "order", "--style", "sync", "--sku", "SKU-RARE", "--qty", "5");

    assertThat(result.exitCode())
        .as("a rejection is an answer; output:\n" + result.output())
        .isZero();
    assertThat(result.output())
        .as("sync rejection with its reason")
        .contains(" sync REJECTED in ")
        .contains("INSUFFICIENT_STOCK");
    return LabCluster.orderId(result);
  }
}
