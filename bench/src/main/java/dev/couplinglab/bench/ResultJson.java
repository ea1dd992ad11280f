package dev.couplinglab.bench;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.couplinglab.experiment.launch.LaunchPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes every figure of a run as JSON: latencies in microseconds, memory in bytes. The machine and
 * the floors come first; "cold" holds the first load on fresh clusters, "warmUp" how the JIT
 * warm-up ended, and the rest is the warm cluster's.
 */
final class ResultJson {

  private ResultJson() {}

  static void write(BenchResult r, Path file) throws IOException {
    write(toJson(r), file);
  }

  static JsonObject toJson(BenchResult r) {
    JsonObject root = new JsonObject();
    root.addProperty("mode", r.mode());
    root.add("machine", machine(r));
    root.addProperty(
        "processes",
        "Kafka and the three services as child JVMs from their jars ("
            + String.join(" ", LaunchPlan.jvmFlags())
            + ", each with its class-data archive); gRPC echo server as a child JVM; all clients in the benchmark JVM; loopback only");
    JsonObject floor = new JsonObject();
    floor.add("grpcUnaryEcho", latency(r.grpcFloor()));
    floor.add("kafkaRoundTrip", latency(r.kafkaFloor()));
    floor.add("sqliteCommit", latency(r.commitFloor()));
    JsonObject composite = new JsonObject();
    composite.addProperty("syncP50Micros", r.compositeFloor().syncMicros());
    composite.addProperty("syncShape", CompositeFloor.syncShape());
    composite.addProperty("asyncEndToEndP50Micros", r.compositeFloor().asyncEndToEndMicros());
    composite.addProperty("asyncEndToEndShape", CompositeFloor.asyncShape());
    floor.add("composite", composite);
    root.add("floor", floor);
    root.add("cold", cold(r.cold()));
    root.add("warmUp", warmUp(r.warmUp()));
    JsonObject unloaded = new JsonObject();
    unloaded.add("sync", latency(r.unloaded().sync()));
    unloaded.add("asyncAccept", latency(r.unloaded().asyncAccept()));
    unloaded.add("asyncEndToEnd", latency(r.unloaded().asyncEndToEnd()));
    unloaded.add("reserveAlone", latency(r.unloaded().reserveAlone()));
    unloaded.add("notifyAlone", latency(r.unloaded().notifyAlone()));
    root.add("unloaded", unloaded);
    JsonObject loaded = new JsonObject();
    loaded.addProperty("syncP99LimitMicros", r.limits().syncP99Micros());
    loaded.addProperty("asyncEndToEndP99LimitMicros", r.limits().asyncEndToEndP99Micros());
    loaded.add("bestPassing", step(r.loaded().bestPassing()));
    loaded.add("firstFailing", step(r.loaded().firstFailing()));
    loaded.addProperty("firstFailingMissed", r.loaded().failure());
    JsonArray steps = new JsonArray();
    r.loaded().steps().forEach(s -> steps.add(step(Optional.of(s))));
    loaded.add("steps", steps);
    root.add("loaded", loaded);
    JsonObject memory = new JsonObject();
    memory.add("rssAtRestBytes", rss(Optional.of(r.rssAtRest())));
    memory.add("rssUnderLoadBytes", rss(Optional.of(r.rssUnderLoad())));
    memory.addProperty("rssUnderLoadRatePerStyle", r.rssUnderLoadRate());
    memory.addProperty(
        "rssUnderLoadStep",
        r.loaded().bestPassing().isPresent() ? "best passing" : "first failing (none passed)");
    root.add("memory", memory);
    root.addProperty("startToHealthySeconds", r.startToHealthySeconds());
    JsonObject healthy = new JsonObject();
    r.healthySeconds().forEach(healthy::addProperty);
    root.add("healthySeconds", healthy);
    JsonObject targets = new JsonObject();
    for (Targets.Target t : Targets.of(r)) {
      JsonObject target = new JsonObject();
      target.add("value", Double.isNaN(t.value()) ? JsonNull.INSTANCE : number(t.value()));
      target.addProperty("limit", t.limit());
      target.addProperty("met", t.met());
      targets.add(t.key(), target);
    }
    root.add("targets", targets);
    rows(root, r.tracing(), r.overload());
    return root;
  }

  /** A run of {@code --only}: the machine and the rows it ran. */
  static JsonObject only(
      String mode,
      Machine before,
      Machine after,
      ColdRun.Cold cold,
      TracingRows.Result tracing,
      List<OverloadRun.Result> overload) {
    JsonObject root = new JsonObject();
    root.addProperty("mode", mode);
    root.add("machine", machine(before, after));
    if (!cold.rates().isEmpty()) {
      root.add("cold", cold(cold));
    }
    rows(root, tracing, overload);
    return root;
  }

  static void write(JsonObject root, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n");
  }

  private static void rows(
      JsonObject root, TracingRows.Result tracing, List<OverloadRun.Result> overload) {
    if (tracing != null) {
      root.add("tracing", TracingRows.toJson(tracing));
    }
    if (!overload.isEmpty()) {
      root.add("overload", OverloadTable.toJson(overload));
    }
  }

  private static JsonObject machine(BenchResult r) {
    return machine(r.before(), r.after());
  }

  private static JsonObject machine(Machine before, Machine after) {
    JsonObject machine = new JsonObject();
    machine.addProperty("cpus", before.cpus());
    machine.addProperty("cpuModel", before.cpuModel());
    machine.addProperty("cpuMhz", before.cpuMhz());
    machine.addProperty("memoryBytes", before.memoryBytes());
    machine.addProperty("java", before.javaVersion());
    machine.addProperty("loadAverageAtStart", before.loadAverage());
    machine.addProperty("loadAverageAtEnd", after.loadAverage());
    return machine;
  }

  private static JsonObject cold(ColdRun.Cold cold) {
    JsonObject o = new JsonObject();
    if (!Double.isNaN(cold.firstStartToHealthySeconds())) {
      o.addProperty("firstStartToHealthySeconds", cold.firstStartToHealthySeconds());
    }
    JsonArray rates = new JsonArray();
    cold.rates().forEach(c -> rates.add(cold(c)));
    o.add("rates", rates);
    return o;
  }

  private static JsonObject cold(ColdRun.Result c) {
    JsonObject o = new JsonObject();
    o.addProperty("ratePerStyle", c.ratePerStyle());
    o.addProperty(
        "cluster",
        "freshly started for this rate, mapping the class-data archives, loaded as soon as healthy");
    o.addProperty("startToHealthySeconds", c.startToHealthySeconds());
    o.add("load", step(Optional.of(c.step())));
    JsonArray slices = new JsonArray();
    for (Slices.Slice s : c.step().slices()) {
      JsonObject slice = new JsonObject();
      slice.addProperty("fromSeconds", s.fromSeconds());
      slice.addProperty("toSeconds", s.toSeconds());
      slice.add("sync", latency(s.sync()));
      slice.add("asyncEndToEnd", latency(s.asyncEndToEnd()));
      JsonObject errors = new JsonObject();
      s.errors().forEach(errors::addProperty);
      slice.add("errors", errors);
      slices.add(slice);
    }
    o.add("slices", slices);
    return o;
  }

  private static JsonObject warmUp(JitWarmUp.Result w) {
    JsonObject o = new JsonObject();
    o.addProperty("ratePerStyle", w.ratePerStyle());
    o.addProperty("seconds", w.seconds());
    o.addProperty("capSeconds", w.capSeconds());
    o.addProperty("settled", w.settled());
    o.addProperty("settledBelowPercentOfACore", JitWarmUp.SETTLED_PERCENT);
    o.addProperty("windowSeconds", JitWarmUp.WINDOW_SECONDS);
    JsonObject jvms = new JsonObject();
    for (JitWarmUp.Jvm jvm : w.jvms()) {
      JsonObject j = new JsonObject();
      j.addProperty("settled", jvm.settled());
      j.add(
          "quietFromSeconds",
          Double.isNaN(jvm.settledAfterSeconds())
              ? JsonNull.INSTANCE
              : number(jvm.settledAfterSeconds()));
      j.add("lastWindowCompilerPercentOfACore", number(jvm.lastWindowPercent()));
      jvms.add(jvm.name(), j);
    }
    o.add("jvms", jvms);
    return o;
  }

  static JsonObject latency(Latency l) {
    JsonObject o = new JsonObject();
    o.addProperty("count", l.count());
    o.addProperty("p50Micros", l.p50());
    o.addProperty("p99Micros", l.p99());
    o.addProperty("p999Micros", l.p999());
    o.addProperty("maxMicros", l.max());
    return o;
  }

  static JsonElement step(Optional<LoadStep.Result> step) {
    if (step.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    LoadStep.Result s = step.get();
    JsonObject o = new JsonObject();
    o.addProperty("ratePerStyle", s.ratePerStyle());
    o.addProperty("seconds", s.seconds());
    o.add("sync", latency(s.sync()));
    o.add("asyncAccept", latency(s.asyncAccept()));
    o.add("asyncEndToEnd", latency(s.asyncEndToEnd()));
    o.addProperty("syncCompleted", s.syncCompleted());
    o.addProperty("asyncCompleted", s.asyncCompleted());
    JsonObject errors = new JsonObject();
    s.errors().forEach(errors::addProperty);
    o.add("errors", errors);
    o.add("peakRssBytes", rss(Optional.of(s.peakRssBytes())));
    JsonObject cpu = new JsonObject();
    s.cpuSeconds().forEach((name, seconds) -> cpu.add(name, number(seconds)));
    o.add("cpuSeconds", cpu);
    o.add("cpuWindowSeconds", number(s.cpuWindowSeconds()));
    JsonObject switches = new JsonObject();
    s.contextSwitches()
        .forEach(
            (name, count) -> {
              JsonObject c = new JsonObject();
              c.addProperty("voluntary", count.voluntary());
              c.addProperty("nonvoluntary", count.nonvoluntary());
              switches.add(name, c);
            });
    o.add("contextSwitches", switches);
    JsonObject perOrder = new JsonObject();
    s.cpuSeconds()
        .forEach(
            (name, seconds) -> {
              JsonObject p = new JsonObject();
              p.add("cpuMicros", numberOrNull(s.cpuMicrosPerOrder(seconds)));
              ContextSwitches.Count count =
                  s.contextSwitches().getOrDefault(name, new ContextSwitches.Count(0, 0));
              p.add("contextSwitches", numberOrNull(s.switchesPerOrder(count.total())));
              perOrder.add(name, p);
            });
    o.add("perOrder", perOrder);
    JsonObject threads = new JsonObject();
    s.threads()
        .forEach(
            (process, byName) -> {
              JsonObject p = new JsonObject();
              byName.forEach(
                  (name, use) -> {
                    JsonObject t = new JsonObject();
                    t.add("cpuMicrosPerOrder", numberOrNull(s.cpuMicrosPerOrder(use.cpuSeconds())));
                    t.add("voluntaryPerOrder", numberOrNull(s.switchesPerOrder(use.voluntary())));
                    t.add(
                        "nonvoluntaryPerOrder",
                        numberOrNull(s.switchesPerOrder(use.nonvoluntary())));
                    p.add(name, t);
                  });
              threads.add(process, p);
            });
    o.add("threads", threads);
    return o;
  }

  private static JsonElement rss(Optional<Map<String, Long>> rss) {
    if (rss.isEmpty()) {
      return JsonNull.INSTANCE;
    }
    JsonObject o = new JsonObject();
    rss.get().forEach(o::addProperty);
    o.addProperty("total", BenchResult.total(rss.get()));
    return o;
  }

  private static JsonElement numberOrNull(double value) {
    return Double.isNaN(value) ? JsonNull.INSTANCE : number(value);
  }

  private static JsonElement number(double value) {
    return new com.google.gson.JsonPrimitive(Math.round(value * 1000) / 1000.0);
  }
}
