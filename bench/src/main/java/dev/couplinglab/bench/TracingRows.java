package dev.couplinglab.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What tracing costs: the same fixed rate per style on three fresh clusters, one per sampling
 * setting of the services (off, the default 1 in 100, every order), each warmed the same way
 * ({@link WarmedCluster}), then one load step: CPU microseconds per order (services and broker, and
 * with the benchmark's client) and the p50 of each style.
 *
 * <p>"Off" is {@code OTEL_TRACES_SAMPLER=always_off}: no span is recorded, the W3C context is still
 * carried. Not {@code OTEL_SDK_DISABLED=true}: with it the SDK autoconfigure (1.65) builds a tracer
 * provider with no processor and its default sampler (parent-based always-on), so every span is
 * still made and recorded, only never written, which is not "off".
 */
final class TracingRows {

  /** One sampling setting: its name and the services' variables. */
  record Sampling(String name, Map<String, String> env) {}

  static final List<Sampling> SAMPLINGS =
      List.of(
          new Sampling("off (always_off)", Map.of("OTEL_TRACES_SAMPLER", "always_off")),
          new Sampling(
              "default (1 in 100)",
              Map.of(
                  "OTEL_TRACES_SAMPLER",
                  "parentbased_traceidratio",
                  "OTEL_TRACES_SAMPLER_ARG",
                  "0.01")),
          new Sampling("every order (always_on)", Map.of("OTEL_TRACES_SAMPLER", "always_on")));

  /** One setting's step on its own warmed cluster. */
  record Row(Sampling sampling, LoadStep.Result step) {

    /** CPU microseconds per order of the services and the broker (the client left out). */
    double clusterMicrosPerOrder() {
      double seconds =
          step.cpuSeconds().entrySet().stream()
              .filter(e -> !e.getKey().equals(CpuTime.CLIENT))
              .mapToDouble(Map.Entry::getValue)
              .sum();
      return step.cpuMicrosPerOrder(seconds);
    }

    double totalMicrosPerOrder() {
      return step.cpuMicrosPerOrder(
          step.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum());
    }
  }

  /** Every setting at {@code ratePerStyle}, chosen as {@code rateWhy} says. */
  record Result(int ratePerStyle, String rateWhy, double stepSeconds, List<Row> rows) {}

  private TracingRows() {}

  static Result run(
      Path home,
      Path work,
      int rate,
      String rateWhy,
      Duration step,
      Duration warmUpCap,
      AtomicReference<ClusterProcesses> running,
      PrintStream progress) {
    progress.printf(
        "TRACING: %d/s per style (%s), %d s per setting...%n", rate, rateWhy, step.toSeconds());
    List<Row> rows = new ArrayList<>();
    int n = 0;
    for (Sampling sampling : SAMPLINGS) {
      progress.printf("  %s:%n", sampling.name());
      LoadStep.Result result =
          WarmedCluster.run(
              home,
              work.resolve("tracing-" + ++n),
              sampling.env(),
              warmUpCap,
              running,
              progress,
              (client, cluster) -> LoadStep.run(client, rate, step, cluster.processes()));
      Row row = new Row(sampling, result);
      progress.printf(
          Locale.ROOT,
          "  %s: sync %s | async e2e %s | %.0f us CPU per order | errors %d%n",
          sampling.name(),
          result.sync().describe(),
          result.asyncEndToEnd().describe(),
          row.clusterMicrosPerOrder(),
          result.errorCount());
      rows.add(row);
    }
    return new Result(rate, rateWhy, step.toMillis() / 1000.0, rows);
  }

  static void print(Result r, PrintStream out) {
    out.println();
    out.printf(
        "TRACING AT %d/s PER STYLE (%s), %.0f s per setting, each on a fresh cluster warmed alike%n",
        r.ratePerStyle(), r.rateWhy(), r.stepSeconds());
    out.printf(
        "%-26s %11s %13s %14s %9s %11s %7s%n",
        "SAMPLING", "SYNC P50", "ASYNC E2E P50", "CPU US/ORDER", "VS OFF", "WITH CLIENT", "ERRORS");
    double off = r.rows().get(0).clusterMicrosPerOrder();
    for (Row row : r.rows()) {
      double cpu = row.clusterMicrosPerOrder();
      out.printf(
          Locale.ROOT,
          "%-26s %11s %13s %14.0f %8s %11.0f %7d%n",
          row.sampling().name(),
          ResultTable.ms(row.step().sync().p50()),
          ResultTable.ms(row.step().asyncEndToEnd().p50()),
          cpu,
          String.format(Locale.ROOT, "%+.1f%%", (cpu / off - 1) * 100),
          row.totalMicrosPerOrder(),
          row.step().errorCount());
    }
    out.println(
        "(CPU US/ORDER: Kafka and the three services, both styles' orders; WITH CLIENT adds the"
            + " benchmark's JVM. The issue's bound: at most +5% at default sampling, at 1,000/s)");
  }

  static JsonObject toJson(Result r) {
    JsonObject o = new JsonObject();
    o.addProperty("ratePerStyle", r.ratePerStyle());
    o.addProperty("rateChosen", r.rateWhy());
    o.addProperty("stepSeconds", r.stepSeconds());
    JsonArray rows = new JsonArray();
    for (Row row : r.rows()) {
      JsonObject j = new JsonObject();
      j.addProperty("sampling", row.sampling().name());
      JsonObject env = new JsonObject();
      row.sampling().env().forEach(env::addProperty);
      j.add("env", env);
      j.addProperty("clusterCpuMicrosPerOrder", Math.round(row.clusterMicrosPerOrder()));
      j.addProperty("totalCpuMicrosPerOrder", Math.round(row.totalMicrosPerOrder()));
      j.add("step", ResultJson.step(java.util.Optional.of(row.step())));
      rows.add(j);
    }
    o.add("rows", rows);
    return o;
  }
}
