package dev.couplinglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the built benchmark jar exactly as documented, in its quickest mode, and checks that it
 * finishes and reports every figure. It checks no figure against a target: timings belong in the
 * benchmark's output, not in a test.
 */
class BenchSmokeIT {

  /** Latency figures every distribution carries. */
  private static final List<String> LATENCY =
      List.of("count", "p50Micros", "p99Micros", "p999Micros", "maxMicros");

  private static final List<String> PROCESSES =
      List.of("kafka", "order-service", "inventory-service", "notification-service", "total");

  @TempDir Path dir;

  @Test
  void quickRunCompletesAndReportsEveryFigure() throws Exception {
    Path out = dir.resolve("result.json");
    Path log = dir.resolve("bench.log");
    // A tiny rate with limits of a minute passes on any machine that completes orders at all, and
    // a rate far beyond any machine fails (its step ends once the in-flight bound is hit): so
    // both the best passing and the first failing step exist, whatever this machine's load.
    Process bench =
        new ProcessBuilder(
                javaBinary(),
                "-jar",
                Path.of("target/bench.jar").toAbsolutePath().toString(),
                "--quick",
                "--rates",
                "20,100000",
                "--sync-p99-ms",
                "60000",
                "--async-e2e-p99-ms",
                "60000",
                "--out",
                out.toString(),
                "--work",
                dir.resolve("work").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = bench.waitFor(25, TimeUnit.MINUTES);
    if (!finished) {
      bench.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    assertThat(finished).as("bench finished within 25 minutes; output:%n%s", output(log)).isTrue();
    assertThat(bench.exitValue()).as("exit code; output:%n%s", output(log)).isZero();
    assertThat(output(log))
        .as("printed table")
        .contains(
            "TARGET",
            "start to healthy",
            "Machine: ",
            "Floors (warm): ",
            "COLD: first 15 s after start-up",
            "WARM: after the JIT ",
            "composite floors (sums of this run's p50s): sync ",
            "SWITCHES/ORDER",
            "EACH STEP, PER ORDER",
            "BY THREAD AT 20/s, PER ORDER",
            "TRACING AT 20/s PER STYLE (this run's best passing rate",
            "OVERLOAD: 1000/s per style");
    JsonObject result = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
    List<String> figures = expectedFigures();
    for (String figure : figures) {
      JsonElement value = at(result, figure);
      assertThat(value).as("figure %s in %s", figure, out).isNotNull();
      assertThat(value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber())
          .as("%s is a number, was %s", figure, value)
          .isTrue();
      assertThat(value.getAsDouble()).as("%s is positive", figure).isPositive();
    }
    for (String figure : presentFigures()) {
      JsonElement value = at(result, figure);
      assertThat(value).as("figure %s in %s", figure, out).isNotNull();
      assertThat(value.isJsonPrimitive()).as("%s is a value, was %s", figure, value).isTrue();
    }
    assertThat(at(result, "cold.rates.0.slices.0.errors").isJsonObject())
        .as("the first cold slice's errors by status")
        .isTrue();
    assertThat(at(result, "cold.rates.0.ratePerStyle").getAsInt())
        .as("--quick loads one cold cluster at 100/s per style")
        .isEqualTo(100);
    assertThat(at(result, "cold.rates.0.slices").getAsJsonArray())
        .as("15 s of cold load in 5-s slices")
        .hasSize(3);
    for (String process : PROCESSES.subList(0, 4)) {
      JsonElement threads = at(result, "loaded.bestPassing.threads." + process);
      assertThat(threads).as("%s's threads in the passing step", process).isNotNull();
      assertThat(threads.getAsJsonObject().entrySet())
          .as("%s's threads by name", process)
          .isNotEmpty()
          .allSatisfy(
              e ->
                  assertThat(e.getValue().getAsJsonObject().has("voluntaryPerOrder"))
                      .as(e.getKey())
                      .isTrue());
    }
    assertThat(at(result, "loaded.bestPassing.ratePerStyle").getAsInt())
        .as("the tiny rate passed")
        .isEqualTo(20);
    assertThat(at(result, "loaded.firstFailing.ratePerStyle").getAsInt())
        .as("the impossible rate failed")
        .isEqualTo(100000);
    assertThat(at(result, "tracing.rows").getAsJsonArray())
        .as("tracing off, at default sampling, always on")
        .hasSize(3);
    assertThat(at(result, "overload").getAsJsonArray()).as("shedding on and off").hasSize(2);
  }

  private static List<String> expectedFigures() {
    List<String> figures = new ArrayList<>();
    for (String latency :
        List.of(
            "floor.grpcUnaryEcho",
            "floor.kafkaRoundTrip",
            "floor.sqliteCommit",
            "unloaded.sync",
            "unloaded.asyncAccept",
            "unloaded.asyncEndToEnd",
            "unloaded.reserveAlone",
            "unloaded.notifyAlone",
            "loaded.bestPassing.sync",
            "loaded.bestPassing.asyncAccept",
            "loaded.bestPassing.asyncEndToEnd",
            "loaded.firstFailing.sync",
            "loaded.firstFailing.asyncAccept",
            "loaded.firstFailing.asyncEndToEnd")) {
      LATENCY.forEach(field -> figures.add(latency + "." + field));
    }
    for (String rss :
        List.of(
            "memory.rssAtRestBytes",
            "memory.rssUnderLoadBytes",
            "loaded.firstFailing.peakRssBytes")) {
      PROCESSES.forEach(process -> figures.add(rss + "." + process));
    }
    PROCESSES.stream()
        .filter(p -> !p.equals("total"))
        .forEach(process -> figures.add("healthySeconds." + process));
    // The impossible rate keeps every process busy until the step ends as overloaded.
    PROCESSES.stream()
        .filter(p -> !p.equals("total"))
        .forEach(process -> figures.add("loaded.firstFailing.cpuSeconds." + process));
    figures.add("loaded.firstFailing.cpuSeconds.bench client");
    for (String process : PROCESSES.subList(0, 4)) {
      figures.add("loaded.firstFailing.contextSwitches." + process + ".voluntary");
      figures.add("loaded.firstFailing.perOrder." + process + ".cpuMicros");
      figures.add("loaded.firstFailing.perOrder." + process + ".contextSwitches");
    }
    for (String cold : List.of("cold.rates.0.load.sync", "cold.rates.0.load.asyncEndToEnd")) {
      LATENCY.forEach(field -> figures.add(cold + "." + field));
    }
    for (String slice : List.of("cold.rates.0.slices.0", "cold.rates.0.slices.2")) {
      figures.add(slice + ".toSeconds");
      figures.add(slice + ".sync.count");
      figures.add(slice + ".asyncEndToEnd.p99Micros");
    }
    figures.addAll(
        List.of(
            "cold.firstStartToHealthySeconds",
            "cold.rates.0.startToHealthySeconds",
            "warmUp.seconds",
            "warmUp.capSeconds",
            "machine.cpuMhz",
            "machine.memoryBytes",
            "machine.cpus",
            "startToHealthySeconds",
            "memory.rssUnderLoadRatePerStyle",
            "loaded.bestPassing.ratePerStyle",
            "loaded.bestPassing.cpuWindowSeconds",
            "loaded.firstFailing.cpuWindowSeconds",
            "loaded.bestPassing.syncCompleted",
            "loaded.bestPassing.asyncCompleted",
            "loaded.firstFailing.ratePerStyle",
            "targets.ordersPerSecondPerStyle.value",
            "targets.cpuMicrosPerOrder.value",
            "targets.totalRssMiB.value",
            "targets.startToHealthySeconds.value",
            "floor.composite.syncP50Micros",
            "floor.composite.asyncEndToEndP50Micros",
            "targets.syncP50OverCompositeFloor.value",
            "targets.asyncE2eP50OverCompositeFloor.value"));
    return figures;
  }

  /** Figures that must be there but may be zero or not numbers. */
  private static List<String> presentFigures() {
    List<String> figures = new ArrayList<>();
    figures.addAll(
        List.of(
            "machine.cpuModel",
            "machine.java",
            "machine.loadAverageAtStart",
            "machine.loadAverageAtEnd",
            "warmUp.settled",
            // --quick runs no cold 200/s: these say their limit, no value.
            "targets.coldErrors.limit",
            "targets.coldSyncP99Ms.limit",
            "loaded.bestPassing.contextSwitches.bench client.nonvoluntary"));
    for (String process : PROCESSES.subList(0, 4)) {
      figures.add("warmUp.jvms." + process + ".lastWindowCompilerPercentOfACore");
      figures.add("warmUp.jvms." + process + ".settled");
    }
    figures.add("warmUp.jvms.bench client.lastWindowCompilerPercentOfACore");
    return figures;
  }

  /**
   * The element at a dotted path (a number indexes an array), or null if any part is missing or
   * JSON null.
   */
  private static JsonElement at(JsonObject root, String path) {
    JsonElement current = root;
    for (String key : path.split("\\.")) {
      if (current != null && current.isJsonArray() && key.matches("\\d+")) {
        int index = Integer.parseInt(key);
        current =
            index < current.getAsJsonArray().size() ? current.getAsJsonArray().get(index) : null;
      } else if (current != null && current.isJsonObject()) {
        current = current.getAsJsonObject().get(key);
      } else {
        return null;
      }
    }
    return current == null || current.isJsonNull() ? null : current;
  }

  private static String output(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no output)";
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
