package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.stream.Stream;

/**
 * A real local cluster for the lab's ITs: {@code bin/lab up} from the built jars, on free ports, in
 * a run folder of its own; commands run through {@code bin/lab} as a person would run them; {@link
 * #close()} undoes any fault and runs {@code bin/lab down --clean}, and checks that nothing of ours
 * still runs.
 */
final class LabCluster implements AutoCloseable {

  /** What one {@code bin/lab} command ended with, output and errors together. */
  record Result(int exitCode, String output) {}

  static final List<String> PARTS =
      List.of("kafka", "order-service", "inventory-service", "notification-service");

  private static final Pattern ORDER_LINE = Pattern.compile("^order (\\S+) (sync|async) ");

  private final Path home;
  private final Path runDir;
  private final Map<String, String> env = new HashMap<>();
  private Result up;

  private LabCluster(Path home, Path runDir) {
    this.home = home;
    this.runDir = runDir;
  }

  /** Starts the cluster; stops what it started if {@code lab up} fails. */
  static LabCluster up() throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("lab.home", "..")).toAbsolutePath().normalize();
    for (String jar :
        List.of(
            "lab/target/lab.jar",
            "local-kafka/target/local-kafka.jar",
            "order-service/target/order-service.jar",
            "inventory-service/target/inventory-service.jar",
            "notification-service/target/notification-service.jar")) {
      // bin/lab would build missing jars itself; a nested build inside a build is not wanted.
      assertThat(home.resolve(jar)).as("built before this test: " + jar).isRegularFile();
    }
    LabCluster cluster = new LabCluster(home, Files.createTempDirectory("lab-it-run"));
    cluster.env.put("LAB_RUN_DIR", cluster.runDir.toString());
    List<String> names =
        List.of(
            "LAB_KAFKA_PORT",
            "LAB_KAFKA_CONTROLLER_PORT",
            "LAB_ORDER_PORT",
            "LAB_INVENTORY_PORT",
            "LAB_NOTIFICATION_PORT");
    for (String name : names) {
      cluster.env.put(name, Integer.toString(LabRunner.freePort()));
    }
    cluster.up = cluster.lab(Duration.ofSeconds(150), "up");
    if (cluster.up.exitCode() != 0) {
      cluster.close();
      throw new AssertionError("lab up failed; output:\n" + cluster.up.output());
    }
    return cluster;
  }

  /** What {@code lab up} printed when the cluster started. */
  Result upResult() {
    return up;
  }

  Path home() {
    return home;
  }

  Path runDir() {
    return runDir;
  }

  Path tokenFile() {
    return runDir.resolve("admin.token");
  }

  /** The admin token {@code lab up} made. */
  String token() throws IOException {
    return Files.readString(tokenFile()).strip();
  }

  Result lab(Duration bound, String... args) throws IOException, InterruptedException {
    return lab(Map.of(), bound, args);
  }

  /** Runs bin/lab as a person would, with {@code extraEnv} on top of the cluster's variables. */
  Result lab(Map<String, String> extraEnv, Duration bound, String... args)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile(runDir, "lab-output", ".txt");
    ProcessBuilder builder = binLab(output, args);
    builder.environment().putAll(extraEnv);
    Process process = builder.start();
    if (!process.waitFor(bound.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(
          "bin/lab "
              + String.join(" ", args)
              + " did not finish within "
              + bound
              + ":\n"
              + Files.readString(output, StandardCharsets.UTF_8));
    }
    String text = Files.readString(output, StandardCharsets.UTF_8);
    Files.delete(output);
    return new Result(process.exitValue(), text);
  }

  /**
   * Starts a bin/lab command that runs until stopped ({@code lab console}), its output and errors
   * going to {@code output}; the caller stops it.
   */
  Process start(Path output, String... args) throws IOException {
    return binLab(output, args).start();
  }

  /** bin/lab {@code args} from the repository root, on the cluster's variables, into a file. */
  private ProcessBuilder binLab(Path output, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/lab").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(home.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    builder.environment().putAll(env);
    return builder;
  }

  /** {@code lab order --style <style> --sku SKU-APPLE --qty 1 <options>}. */
  Result order(Duration bound, String style, String... options)
      throws IOException, InterruptedException {
    List<String> args =
        new ArrayList<>(List.of("order", "--style", style, "--sku", "SKU-APPLE", "--qty", "1"));
    args.addAll(List.of(options));
    return lab(bound, args.toArray(String[]::new));
  }

  /** The order id on the first line of an {@code order} command's output. */
  static String orderId(Result result) {
    Matcher m = ORDER_LINE.matcher(result.output().lines().findFirst().orElse(""));
    assertThat(m.find()).as("first line names the order: " + result.output()).isTrue();
    return m.group(1);
  }

  /**
   * Undoes any fault (a failed test may leave one), then {@code lab down --clean}; checks that
   * nothing of ours still runs and that no log, after all the tests' admin calls, holds the token.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    lab(Duration.ofSeconds(120), "fault", "clear");
    List<Long> pids = pidsOfOurs();
    String token = Files.isRegularFile(tokenFile()) ? token() : null;
    // --clean drops Kafka data and databases; the logs stay for a look after a failure.
    Result down = lab(Duration.ofSeconds(60), "down", "--clean");
    assertThat(down.exitCode()).as("lab down exit code; output:\n" + down.output()).isZero();
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("process " + pid + " stopped by lab down")
          .isFalse();
    }
    if (token != null) {
      assertNoLogHolds(token);
    }
  }

  /** Fails if any log in the run folder contains {@code token}. */
  void assertNoLogHolds(String token) throws IOException {
    try (Stream<Path> logs = Files.list(runDir.resolve("logs"))) {
      for (Path log : logs.toList()) {
        assertThat(Files.readString(log, StandardCharsets.UTF_8))
            .as(log.getFileName() + " has no token")
            .doesNotContain(token);
      }
    }
  }

  private List<Long> pidsOfOurs() throws IOException {
    Path pids = runDir.resolve("pids");
    if (!Files.isDirectory(pids)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(pids)) {
      List<Long> result = new ArrayList<>();
      for (Path file : files.toList()) {
        result.add(Long.parseLong(Files.readString(file).trim()));
      }
      return result;
    }
  }
}
