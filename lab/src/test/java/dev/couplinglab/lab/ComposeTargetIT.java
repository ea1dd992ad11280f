package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The compose target, for real: builds the service images from the current jars, brings the compose
 * cluster up (three brokers, three services), and drives it with {@code bin/lab}: orders in both
 * styles, one order's logs, pause, partition and a killed broker, and {@code fault clear}. Needs
 * Docker with Compose v2; without it the test fails (the CI always has Docker). Always ends with
 * {@code docker compose down -v}.
 */
@Tag("containers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeTargetIT {

  private static final Pattern ORDER_LINE = Pattern.compile("^order (\\S+) (sync|async) ");
  private static final List<String> SERVICES =
      List.of("order-service", "inventory-service", "notification-service");
  private static final Duration OTHERS_BOUND = Duration.ofMinutes(10);

  private static Path home;
  private static Path runDir;

  /** The compose file's containers: three brokers, three services and Prometheus. */
  private static final int CONTAINERS = 7;

  private static boolean composeStarted;
  private static final Map<String, String> env = new HashMap<>();
  private static final Map<String, String> orderIds = new HashMap<>();

  @BeforeAll
  static void startComposeCluster() throws Exception {
    home = Path.of(System.getProperty("lab.home", "..")).toAbsolutePath().normalize();
    assertThat(home.resolve("lab/target/lab.jar")).as("lab built before this test").isRegularFile();
    requireDocker();
    // An empty run folder: no local processes, so the lab detects the compose target.
    runDir = Files.createTempDirectory("lab-compose-it");
    env.put("LAB_RUN_DIR", runDir.toString());
    if ("true".equals(System.getenv("COUPLINGLAB_LOCAL_IMAGES"))) {
      env.put("KAFKA_IMAGE", "couplinglab/kafka:4.4.0");
      env.put("BASE_IMAGE", "couplinglab/jre:17");
      env.put("PROMETHEUS_IMAGE", "couplinglab/prometheus:2.42");
    }
    awaitNoOtherComposeCluster();

    Result images =
        run(
            Duration.ofMinutes(10),
            "bash",
            "docker/build-images.sh",
            "--rebuild",
            "--no-maven",
            "services");
    assertThat(images.exitCode()).as("service images built; output:\n" + images.output()).isZero();
    composeStarted = true;
    Result up = run(Duration.ofMinutes(5), "docker", "compose", "up", "-d");
    assertThat(up.exitCode()).as("docker compose up; output:\n" + up.output()).isZero();
    await()
        .atMost(Duration.ofSeconds(180))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(
                        healthyContainers(
                            lab(Duration.ofSeconds(30), "status", "--target", "compose")))
                    .as("every container healthy")
                    .isEqualTo(CONTAINERS));
  }

  @AfterAll
  static void stopComposeCluster() throws Exception {
    if (!composeStarted) {
      return;
    }
    Result down = run(Duration.ofMinutes(3), "docker", "compose", "down", "-v");
    Files.deleteIfExists(home.resolve("run/compose-faults.properties"));
    assertThat(down.exitCode()).as("docker compose down -v; output:\n" + down.output()).isZero();
  }

  @Test
  @Order(1)
  void detectsTheComposeClusterAndShowsItsContainers() throws Exception {
    Result status = lab(Duration.ofSeconds(30), "status");

    assertThat(status.exitCode()).as("exit code; output:\n" + status.output()).isZero();
    for (String name : List.of("kafka-1", "kafka-2", "kafka-3", "order-service")) {
      assertThat(status.output())
          .as("container of " + name)
          .containsPattern("(?m)^" + name + "\\s+couplinglab-" + name + "-1\\s+running\\s+healthy");
    }
  }

  @Test
  @Order(2)
  void placesOrdersOfBothStylesThroughTheComposeCluster() throws Exception {
    Result sync = order("sync", "--timeout", "30s");
    Result async = order("async", "--wait", "--timeout", "30s");

    assertThat(sync.output()).as("sync CONFIRMED").contains(" sync CONFIRMED in ");
    assertThat(async.output())
        .as("async PENDING, then CONFIRMED")
        .containsPattern("(?s) async PENDING, accepted in .* async CONFIRMED after ");
    orderIds.put("sync", orderId(sync));
    orderIds.put("async", orderId(async));
  }

  @Test
  @Order(3)
  void followsEachOrderThroughTheLogsOfTheThreeContainers() {
    assertThat(orderIds).as("order ids from the previous test").hasSize(2);
    for (Map.Entry<String, String> order : orderIds.entrySet()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () -> {
                Result logs =
                    lab(
                        Duration.ofSeconds(60),
                        "logs",
                        "--order",
                        order.getValue(),
                        "--target",
                        "compose");
                assertThat(logs.exitCode()).as(order.getKey() + " logs exit code").isZero();
                for (String service : SERVICES) {
                  assertThat(logs.output())
                      .as(order.getKey() + " has lines from " + service)
                      .containsPattern(
                          "(?m)^\\d{4}-\\d\\d-\\d\\dT\\S+Z \\w+\\s+" + service + " \\[");
                }
              });
    }
  }

  @Test
  @Order(4)
  void pausedInventoryTimesOutSyncOrdersUntilResumed() throws Exception {
    Result pause = fault("pause", "inventory-service");
    Result sync = order("sync", "--timeout", "10s");
    Result list = fault("list");
    Result resume = fault("resume", "inventory");

    assertThat(pause.output()).as("one line").startsWith("inventory-service paused (");
    assertThat(sync.exitCode()).as("sync fails; output:\n" + sync.output()).isEqualTo(1);
    assertThat(sync.output()).as("deadline").startsWith("error: DEADLINE_EXCEEDED");
    assertThat(list.output())
        .as("listed")
        .containsPattern("(?m)^inventory-service paused since .*: container paused$");
    assertThat(resume.output()).as("one line").startsWith("inventory-service resumed (");
    awaitSyncConfirmed();
  }

  @Test
  @Order(5)
  void partitionedInventoryFailsSyncOrdersUntilHealed() throws Exception {
    Result cut = fault("partition", "inventory-service");
    Result sync = order("sync", "--timeout", "10s");
    Result list = fault("list");
    Result heal = fault("heal", "inventory-service");

    assertThat(cut.output())
        .as("one line")
        .startsWith("inventory-service partitioned (container couplinglab-inventory-service-1");
    assertThat(sync.output()).as("sync not confirmed").doesNotContain(" sync CONFIRMED ");
    assertThat(sync.exitCode()).as("sync fails; output:\n" + sync.output()).isEqualTo(1);
    assertThat(list.output())
        .as("listed")
        .containsPattern("(?m)^inventory-service partitioned since .*: disconnected");
    assertThat(heal.output()).as("one line").startsWith("inventory-service healed (");
    awaitSyncConfirmed();
  }

  @Test
  @Order(6)
  void asyncOrdersAreConfirmedWithOneBrokerKilled() throws Exception {
    Result kill = fault("kill", "kafka-2");
    Result async = order("async", "--wait", "--timeout", "90s");
    Result status = lab(Duration.ofSeconds(30), "status", "--target", "compose");

    assertThat(kill.output()).as("one line").startsWith("kafka-2 killed (SIGKILL");
    assertThat(async.output())
        .as(
            "async CONFIRMED with two brokers of three (min.insync.replicas=2); output:\n"
                + async.output())
        .contains(" async CONFIRMED after ");
    assertThat(status.output())
        .as("kafka-2 stays down")
        .containsPattern("(?m)^kafka-2\\s+\\S+\\s+exited");
  }

  @Test
  @Order(7)
  void clearStartsTheKilledBrokerAndLeavesNoFault() throws Exception {
    Result before = fault("list");
    Result clear = lab(Duration.ofMinutes(3), "fault", "clear", "--target", "compose");
    Result after = fault("list");
    Result status = lab(Duration.ofSeconds(30), "status", "--target", "compose");

    assertThat(before.output()).as("the kill is listed").startsWith("kafka-2 killed since ");
    assertThat(clear.output())
        .as("started again, healthy; output:\n" + clear.output())
        .containsPattern("(?m)^kafka-2 started \\(container couplinglab-kafka-2-1\\), healthy in ")
        .contains("Cleared 1 fault on compose project couplinglab.");
    assertThat(after.output()).as("nothing left").startsWith("No faults applied by lab");
    assertThat(healthyContainers(status)).as("all healthy").isEqualTo(CONTAINERS);
  }

  private static void awaitSyncConfirmed() {
    // The chain recovers after order-service's channel reconnects (gRPC back-off).
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () ->
                assertThat(order("sync", "--timeout", "10s").output())
                    .as("sync CONFIRMED again")
                    .contains(" sync CONFIRMED in "));
  }

  private static Result order(String style, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of(
                "order",
                "--target",
                "compose",
                "--style",
                style,
                "--sku",
                "SKU-BREAD",
                "--qty",
                "1"));
    args.addAll(List.of(more));
    return lab(Duration.ofSeconds(120), args.toArray(String[]::new));
  }

  private static Result fault(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("fault"));
    command.addAll(List.of(args));
    command.addAll(List.of("--target", "compose"));
    return lab(Duration.ofSeconds(150), command.toArray(String[]::new));
  }

  private static long healthyContainers(Result status) {
    return status.output().lines().filter(l -> l.matches(".*\\srunning\\s+healthy\\s.*")).count();
  }

  private static void requireDocker() throws Exception {
    Result version;
    try {
      version = run(Duration.ofSeconds(30), "docker", "compose", "version");
    } catch (IOException e) {
      fail("ComposeTargetIT needs Docker and Compose v2 (the CI has them): " + e.getMessage());
      return;
    }
    assertThat(version.exitCode())
        .as(
            "ComposeTargetIT needs Docker and Compose v2: docker compose version said\n"
                + version.output())
        .isZero();
  }

  /** Someone else's compose cluster has the same fixed ports: wait for it to go. */
  private static void awaitNoOtherComposeCluster() {
    await()
        .atMost(OTHERS_BOUND)
        .pollInterval(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(run(Duration.ofSeconds(30), "docker", "compose", "ps", "-q").output())
                    .as("another compose cluster of project couplinglab runs; waited")
                    .isBlank());
  }

  private record Result(int exitCode, String output) {}

  private static Result lab(Duration bound, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/lab").toString()));
    command.addAll(List.of(args));
    return run(bound, command.toArray(String[]::new));
  }

  /** Runs a command in the repository root, output and errors together. */
  private static Result run(Duration bound, String... command) throws Exception {
    Path output = Files.createTempFile("compose-it", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            String.join(" ", command)
                + " did not finish within "
                + bound
                + ":\n"
                + Files.readString(output, StandardCharsets.UTF_8));
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.delete(output);
    }
  }

  private static String orderId(Result result) {
    Matcher m = ORDER_LINE.matcher(result.output().lines().findFirst().orElse(""));
    assertThat(m.find()).as("first line names the order: " + result.output()).isTrue();
    return m.group(1);
  }
}
