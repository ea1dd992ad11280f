package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.lab.LabCluster.Result;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/lab fault} on a real local cluster: process faults (pause, resume, kill, start, stop,
 * partition where iptables is allowed), application faults through the admin API, their listing and
 * clearing, and the admin token's refusals. Each test stands alone on the cluster started once for
 * the class: it makes the faults it checks, and {@code fault clear} after each test undoes whatever
 * a failed one left.
 */
class LabFaultsIT extends OnLabCluster {

  @AfterEach
  void clearFaults() throws Exception {
    Result clear = cluster.lab(Duration.ofSeconds(120), "fault", "clear");
    assertThat(clear.exitCode())
        .as("fault clear after the test; output:\n" + clear.output())
        .isZero();
  }

  @Test
  void pausedInventoryTimesOutASyncOrderButAcceptsAnAsyncOne() throws Exception {
    Result pause = cluster.lab(Duration.ofSeconds(30), "fault", "pause", "inventory-service");
    assertThat(pause.output())
        .as("one line with the signal and pid; exit " + pause.exitCode())
        .matches("inventory-service paused \\(SIGSTOP to pid \\d+\\)\\R");

    Result sync = cluster.order(Duration.ofSeconds(30), "sync", "--timeout", "10s");
    Result async = cluster.order(Duration.ofSeconds(30), "async");
    Result list = cluster.lab(Duration.ofSeconds(30), "fault", "list");

    assertThat(sync.exitCode()).as("sync fails; output:\n" + sync.output()).isEqualTo(1);
    assertThat(sync.output())
        .as("order-service's 2 s deadline on Reserve expired")
        .startsWith("error: DEADLINE_EXCEEDED");
    assertThat(async.exitCode()).as("async accepted; output:\n" + async.output()).isZero();
    assertThat(async.output()).as("async PENDING").contains(" async PENDING, accepted in ");
    assertThat(list.output())
        .as("fault list shows the pause")
        .containsPattern(
            "(?m)^inventory-service paused since \\d\\d:\\d\\d:\\d\\d \\(\\d+ s\\): pid \\d+ stopped");
  }

  @Test
  void resumedInventoryCompletesTheAsyncOrderPlacedWhilePaused() throws Exception {
    Result pause = cluster.lab(Duration.ofSeconds(30), "fault", "pause", "inventory-service");
    assertThat(pause.exitCode()).as("paused; output:\n" + pause.output()).isZero();
    Result async = cluster.order(Duration.ofSeconds(30), "async");
    assertThat(async.exitCode()).as("async accepted; output:\n" + async.output()).isZero();
    String id = LabCluster.orderId(async);

    Result resume = cluster.lab(Duration.ofSeconds(30), "fault", "resume", "inventory");

    assertThat(resume.output())
        .as("one line")
        .matches("inventory-service resumed \\(SIGCONT to pid \\d+\\)\\R");
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                assertThat(cluster.lab(Duration.ofSeconds(30), "get", id).output())
                    .as("the order placed while inventory was paused")
                    .containsPattern("(?m)^state\\s+CONFIRMED$"));
  }

  @Test
  void killedNotificationServiceIsDeadUntilStartedAgain() throws Exception {
    Result kill = cluster.lab(Duration.ofSeconds(30), "fault", "kill", "notification-service");
    Result dead = cluster.lab(Duration.ofSeconds(30), "status");
    Result start = cluster.lab(Duration.ofSeconds(90), "fault", "start", "notification-service");
    Result alive = cluster.lab(Duration.ofSeconds(30), "status");

    assertThat(kill.output())
        .as("one line")
        .matches("notification-service killed \\(SIGKILL to pid \\d+\\)\\R");
    assertThat(dead.output())
        .as("status shows it dead")
        .containsPattern("(?m)^notification-service\\s+\\d+\\s+dead\\s+UNREACHABLE");
    assertThat(start.exitCode()).as("start exit code; output:\n" + start.output()).isZero();
    assertThat(start.output())
        .as("started the way up does, and waited for SERVING")
        .matches("notification-service started \\(pid \\d+\\), SERVING in [\\d.]+ s\\R");
    assertThat(alive.output())
        .as("SERVING again")
        .containsPattern("(?m)^notification-service\\s+\\d+\\s+alive\\s+SERVING");
  }

  @Test
  void clearUndoesEveryFaultAndLeavesNoneListed() throws Exception {
    boolean iptables = new ProcessBuilder("iptables", "-w", "-S", "INPUT").start().waitFor() == 0;
    cluster.lab(Duration.ofSeconds(30), "fault", "pause", "order");
    cluster.lab(Duration.ofSeconds(30), "fault", "stop", "notification");
    if (iptables) {
      Result cut = cluster.lab(Duration.ofSeconds(30), "fault", "partition", "inventory");
      assertThat(cut.output())
          .as("partition")
          .startsWith("inventory-service partitioned (iptables");
    }
    Result before = cluster.lab(Duration.ofSeconds(30), "fault", "list");

    Result clear = cluster.lab(Duration.ofSeconds(120), "fault", "clear");
    Result after = cluster.lab(Duration.ofSeconds(30), "fault", "list");
    Result sync = cluster.order(Duration.ofSeconds(30), "sync");

    assertThat(before.output().lines().filter(l -> l.contains(" since ")))
        .as("every fault listed; output:\n" + before.output())
        .hasSize(iptables ? 3 : 2);
    assertThat(clear.exitCode()).as("clear exit code; output:\n" + clear.output()).isZero();
    assertThat(clear.output())
        .as("undid each fault")
        .contains("order-service resumed (SIGCONT")
        .contains("notification-service started (pid ")
        .contains("Cleared " + (iptables ? 3 : 2) + " faults");
    if (iptables) {
      assertThat(clear.output()).as("healed").contains("inventory-service healed (iptables rule");
    }
    assertThat(after.output()).as("nothing left").startsWith("No faults applied by lab");
    assertThat(sync.output()).as("the chain works again").contains(" sync CONFIRMED in ");
  }

  @Test
  void latencyFaultSlowsASyncOrderFiresAndIsCleared() throws Exception {
    Result inject =
        cluster.lab(
            Duration.ofSeconds(30),
            "fault",
            "latency",
            "inventory-service",
            "--method",
            "Reserve",
            "--fixed",
            "300ms");
    Result sync = cluster.order(Duration.ofSeconds(30), "sync");
    Result list = cluster.lab(Duration.ofSeconds(30), "fault", "list");
    Result clear = cluster.lab(Duration.ofSeconds(60), "fault", "clear");
    Result after = cluster.lab(Duration.ofSeconds(30), "fault", "list");

    assertThat(inject.output())
        .as("one line with the fault id; exit " + inject.exitCode())
        .matches("inventory-service fault f-\\S+ injected: .*Reserve.*\\R");
    Matcher took = Pattern.compile(" sync CONFIRMED in ([\\d.]+) ms").matcher(sync.output());
    assertThat(took.find()).as("confirmed; output:\n" + sync.output()).isTrue();
    assertThat(Double.parseDouble(took.group(1)))
        .as("at least the added latency")
        .isGreaterThanOrEqualTo(300);
    Matcher fired =
        Pattern.compile("(?m)^inventory-service fault f-\\S+: .*fired=(\\d+)")
            .matcher(list.output());
    assertThat(fired.find()).as("listed; output:\n" + list.output()).isTrue();
    assertThat(Integer.parseInt(fired.group(1))).as("fired").isGreaterThanOrEqualTo(1);
    assertThat(clear.output()).as("cleared").contains("inventory-service cleared 1 admin fault");
    assertThat(after.output()).as("nothing left").startsWith("No faults applied by lab");
  }

  @Test
  void errorFaultOnReserveFailsSyncButNotAsync() throws Exception {
    Result inject =
        cluster.lab(
            Duration.ofSeconds(30),
            "fault",
            "error",
            "inventory-service",
            "--method",
            "Reserve",
            "--code",
            "UNAVAILABLE",
            "--rate",
            "1.0");
    Result sync = cluster.order(Duration.ofSeconds(30), "sync");
    Result async = cluster.order(Duration.ofSeconds(60), "async", "--wait", "--timeout", "30s");
    Result clear = cluster.lab(Duration.ofSeconds(60), "fault", "clear");

    assertThat(inject.exitCode()).as("injected; output:\n" + inject.output()).isZero();
    assertThat(sync.exitCode()).as("sync fails; output:\n" + sync.output()).isEqualTo(1);
    assertThat(sync.output()).as("with the injected code").startsWith("error: UNAVAILABLE");
    assertThat(async.output())
        .as("async never calls Reserve over gRPC; output:\n" + async.output())
        .contains(" async CONFIRMED after ");
    assertThat(clear.output()).as("cleared").contains("inventory-service cleared 1 admin fault");
  }

  @Test
  void adminCallWithAWrongTokenIsPermissionDenied() throws Exception {
    Result wrong =
        cluster.lab(
            Map.of("LAB_ADMIN_TOKEN", "0000000000000000000000000000000f"),
            Duration.ofSeconds(30),
            "fault",
            "latency",
            "inventory",
            "--fixed",
            "1s");

    assertThat(wrong.exitCode()).as("exit").isEqualTo(1);
    assertThat(wrong.output())
        .as("one line")
        .startsWith("error: PERMISSION_DENIED")
        .hasLineCount(1);
  }

  @Test
  void noLogHoldsTheAdminTokenAfterAdminCalls() throws Exception {
    String token = cluster.token();
    Result inject =
        cluster.lab(Duration.ofSeconds(30), "fault", "latency", "inventory", "--fixed", "1ms");
    Result clear = cluster.lab(Duration.ofSeconds(60), "fault", "clear");
    assertThat(inject.exitCode()).as("an admin call; output:\n" + inject.output()).isZero();
    assertThat(clear.exitCode()).as("another; output:\n" + clear.output()).isZero();

    cluster.assertNoLogHolds(token);
  }
}
