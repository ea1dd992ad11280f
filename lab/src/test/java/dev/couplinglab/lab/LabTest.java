package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.cluster.RunDir;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's command line: usage errors, failures it must refuse, and the logs it reads. */
class LabTest {

  @TempDir Path home;

  private final Map<String, String> env = new HashMap<>();
  private final List<Process> started = new ArrayList<>();
  private RunDir run;

  @BeforeEach
  void isolate() {
    run = RunDir.of(home.resolve("run"));
    env.put("LAB_HOME", home.toString());
    env.put("LAB_RUN_DIR", run.root().toString());
    // Not detected: a compose cluster someone runs on this machine must not change these tests.
    env.put("LAB_TARGET", "local");
    for (String name :
        List.of(
            "LAB_KAFKA_PORT",
            "LAB_KAFKA_CONTROLLER_PORT",
            "LAB_ORDER_PORT",
            "LAB_INVENTORY_PORT",
            "LAB_NOTIFICATION_PORT")) {
      env.put(name, Integer.toString(LabRunner.freePort()));
    }
  }

  @AfterEach
  void stopProcesses() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void answersBadUsageWithOneLineAndExitCode2() {
    LabRunner.Result qty =
        LabRunner.run(env, "order", "--style", "sync", "--sku", "SKU-APPLE", "--qty", "two");
    LabRunner.Result style =
        LabRunner.run(env, "order", "--style", "fast", "--sku", "SKU-APPLE", "--qty", "1");
    LabRunner.Result none = LabRunner.run(env);

    for (LabRunner.Result result : List.of(qty, style, none)) {
      assertThat(result.exitCode()).as("usage exit code for " + result.err()).isEqualTo(2);
      assertThat(result.errLines()).as("one line").hasSize(1);
    }
    assertThat(qty.err()).as("names the option").contains("--qty").contains("'two'");
    assertThat(style.err()).as("names the choices").contains("SYNC, ASYNC");
  }

  @Test
  void reportsAnUnreachableServiceAsOneErrorLine() {
    int nobody = LabRunner.freePort();

    LabRunner.Result result =
        LabRunner.run(
            env,
            "order",
            "--style",
            "sync",
            "--sku",
            "SKU-APPLE",
            "--qty",
            "1",
            "--target",
            "localhost:" + nobody);

    assertThat(result.exitCode()).as("exit code").isEqualTo(1);
    assertThat(result.errLines())
        .as("one line with the status")
        .singleElement()
        .asString()
        .startsWith("error: UNAVAILABLE: ")
        .contains("Connection refused");
  }

  @Test
  void refusesToStartWithoutTheBuiltJars() {
    LabRunner.Result result = LabRunner.run(env, "up");

    assertThat(result.exitCode()).as("exit code").isEqualTo(1);
    assertThat(result.err())
        .as("names the missing jar")
        .startsWith("error: missing ")
        .contains(".jar");
  }

  @Test
  void refusesToStartWhenAPortIsTakenNamingThePort() throws IOException {
    fakeJars();
    try (ServerSocket squatter = new ServerSocket()) {
      squatter.bind(new InetSocketAddress(0));
      env.put("LAB_INVENTORY_PORT", Integer.toString(squatter.getLocalPort()));

      LabRunner.Result result = LabRunner.run(env, "up");

      assertThat(result.exitCode()).as("exit code").isEqualTo(1);
      assertThat(result.errLines())
          .as("one line naming the port and its user")
          .containsExactly(
              "error: port "
                  + squatter.getLocalPort()
                  + " (for inventory-service) is already in use by another program; free it or"
                  + " pick another with LAB_INVENTORY_PORT");
    }
    assertThat(run.pidFile(Part.KAFKA)).as("nothing was started").doesNotExist();
  }

  @Test
  void downLeavesAProcessThatIsNotOursAlone() throws Exception {
    Process stranger = start("sleep", "60");
    run.writePid(Part.KAFKA, stranger.pid());

    LabRunner.Result result = LabRunner.run(env, "down");

    assertThat(result.exitCode()).as("exit code").isZero();
    assertThat(result.out()).as("says so").contains("left alone");
    assertThat(stranger.isAlive()).as("the other program still runs").isTrue();
    assertThat(run.pidFile(Part.KAFKA)).as("stale pid file removed").doesNotExist();
  }

  @Test
  void downStopsOurProcessAndCleansItsData() throws Exception {
    run.createDirs();
    Process ours = start("sh", "-c", "while :; do sleep 1; done", run.marker());
    run.writePid(Part.ORDER, ours.pid());
    Files.writeString(run.dataDir(Part.ORDER).resolve("order.db"), "x");

    LabRunner.Result result = LabRunner.run(env, "down", "--clean");

    assertThat(result.exitCode()).as("exit code").isZero();
    assertThat(result.out())
        .as("says what stopped")
        .contains("stopped order-service (pid " + ours.pid());
    assertThat(ours.waitFor(5, TimeUnit.SECONDS)).as("our process has ended").isTrue();
    assertThat(run.dataRoot()).as("data deleted").doesNotExist();
  }

  @Test
  void statusListsEveryPartEvenWhenNothingRuns() {
    LabRunner.Result result = LabRunner.run(env, "status");

    assertThat(result.exitCode()).as("exit code").isZero();
    assertThat(result.outLines()).as("header and four parts").hasSize(5);
    assertThat(result.outLines().get(1)).as("kafka").startsWith("kafka").contains("down");
    assertThat(result.outLines().get(2))
        .as("order-service")
        .startsWith("order-service")
        .contains("UNREACHABLE");
  }

  @Test
  void followsOneOrderAcrossTheLogsOfTheRunFolder() throws IOException {
    run.createDirs();
    Files.writeString(
        run.log(Part.ORDER),
        "2026-11-27T07:32:53.100Z INFO  order-service [g] SyncFlow orderId=o-1 style=sync - stored\n"
            + "2026-11-27T07:32:53.300Z INFO  order-service [g] SyncFlow orderId=o-12 - other\n");
    Files.writeString(
        run.log(Part.INVENTORY),
        "2026-11-27T07:32:53.200Z INFO  inventory-service [g] Reserve orderId=o-1 - reserved\n");

    LabRunner.Result found = LabRunner.run(env, "logs", "--order", "o-1");
    LabRunner.Result missing = LabRunner.run(env, "logs", "--order", "o-404");

    assertThat(found.outLines())
        .as("both services, in time order")
        .containsExactly(
            "2026-11-27T07:32:53.100Z INFO  order-service [g] SyncFlow orderId=o-1 style=sync - stored",
            "2026-11-27T07:32:53.200Z INFO  inventory-service [g] Reserve orderId=o-1 - reserved");
    assertThat(missing.exitCode()).as("no line: exit code").isEqualTo(1);
    assertThat(missing.err())
        .as("no line: message")
        .startsWith("error: no line carries orderId=o-404");
  }

  @Test
  void showsTheLastLinesOfOneService() throws IOException {
    run.createDirs();
    Files.writeString(run.log(Part.INVENTORY), "one\ntwo\nthree\n");

    LabRunner.Result result = LabRunner.run(env, "logs", "--service", "inventory", "--lines", "2");
    LabRunner.Result unknown = LabRunner.run(env, "logs", "--service", "billing");

    assertThat(result.outLines()).as("last two lines").containsExactly("two", "three");
    assertThat(unknown.exitCode()).as("unknown service is bad usage").isEqualTo(2);
  }

  @Test
  void answersAnUnknownFaultPartOrTargetAsBadUsage() {
    LabRunner.Result part = LabRunner.run(env, "fault", "pause", "billing");
    LabRunner.Result broker = LabRunner.run(env, "fault", "kill", "kafka-2");
    LabRunner.Result target = LabRunner.run(env, "fault", "list", "--target", "cloud");
    LabRunner.Result global = LabRunner.run(env, "--target", "cloud", "status");

    for (LabRunner.Result result : List.of(part, broker, target, global)) {
      assertThat(result.exitCode()).as("usage exit code for " + result.err()).isEqualTo(2);
      assertThat(result.errLines()).as("one line").hasSize(1);
    }
    assertThat(part.err()).as("names the parts").startsWith("error: unknown part 'billing': kafka");
    assertThat(broker.err()).as("compose-only broker").contains("the local cluster has one broker");
  }

  @Test
  void refusesAFaultOnAPartThatDoesNotRun() {
    LabRunner.Result result = LabRunner.run(env, "fault", "pause", "inventory");

    assertThat(result.exitCode()).as("exit code").isEqualTo(1);
    assertThat(result.errLines())
        .as("one line")
        .singleElement()
        .asString()
        .startsWith("error: inventory-service is not running in the local cluster in ");
  }

  @Test
  void dropsARecordedFaultThatNoLongerHolds() throws Exception {
    run.createDirs();
    Process stranger = start("sleep", "60");
    Files.writeString(
        run.faultsFile(),
        "inventory-service.paused.since=2026-11-27T08\\:12\\:03Z\n"
            + "inventory-service.paused.detail="
            + stranger.pid()
            + "\n");

    LabRunner.Result list = LabRunner.run(env, "fault", "list");
    LabRunner.Result again = LabRunner.run(env, "fault", "list");

    assertThat(list.exitCode()).as("exit code").isZero();
    assertThat(list.out())
        .as("a pid that is not ours, not stopped: gone")
        .startsWith("inventory-service paused since ")
        .contains("gone");
    assertThat(again.out()).as("dropped").startsWith("No faults applied by lab");
    assertThat(stranger.isAlive()).as("the other program was not touched").isTrue();
  }

  private void fakeJars() throws IOException {
    for (Part part : Part.values()) {
      Files.createDirectories(part.jar(home).getParent());
      Files.writeString(part.jar(home), "not a real jar: never started in this test");
    }
  }

  private Process start(String... command) throws IOException {
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    return process;
  }
}
