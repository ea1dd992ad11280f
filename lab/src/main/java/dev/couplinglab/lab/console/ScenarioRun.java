package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.Progress;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.ExperimentException;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.lab.LabException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A scenario run from the page: {@code lab experiment run} on one of the repository's {@code
 * experiments/*.yaml}, in a thread of its own, its progress kept for the page (phase, time, the
 * faults in force) beside the scenario's fault timeline, and at the end its exit code, summary and
 * report folder. One scenario runs at a time.
 */
final class ScenarioRun {

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path experiments;
  private final Path reports;
  private final LabLine line;
  private volatile Map<String, Object> state = Map.of("running", false);
  private volatile Progress progress;
  private Thread thread;

  ScenarioRun(Path experiments, Path reports, LabLine line) {
    this.experiments = experiments;
    this.reports = reports;
    this.line = line;
  }

  /** The scenario files, by name ({@code baseline}, ...), each with its description. */
  List<Map<String, String>> list() {
    List<Map<String, String>> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(experiments)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        Map<String, String> entry = new LinkedHashMap<>();
        entry.put("file", file.getFileName().toString());
        try {
          Experiment e = ExperimentParser.read(file);
          entry.put("name", e.name());
          entry.put("description", e.description());
        } catch (IOException | ExperimentException e) {
          entry.put("name", file.getFileName().toString());
          entry.put("description", "does not parse: " + e.getMessage());
        }
        out.add(entry);
      }
    } catch (IOException e) {
      throw LabException.failure("cannot list " + experiments + ": " + e.getMessage());
    }
    return out;
  }

  /**
   * Starts {@code file} with the page's warm-up and rate (blank: the command's defaults).
   *
   * @throws LabException (usage) for a file not in {@code experiments/}, or one running already
   */
  synchronized String start(String file, String warmup, String rate) {
    if (thread != null && thread.isAlive()) {
      throw LabException.usage("a scenario is running: wait for its report");
    }
    if (file == null || !file.matches("[A-Za-z0-9._-]+\\.yaml") || file.startsWith(".")) {
      throw LabException.usage("choose a scenario of experiments/");
    }
    Path path = experiments.resolve(file);
    Experiment experiment;
    try {
      experiment = ExperimentParser.read(path);
    } catch (IOException | ExperimentException e) {
      throw LabException.usage(file + ": " + e.getMessage());
    }
    String run = LocalDateTime.now().format(STAMP) + "-" + experiment.name();
    List<String> args =
        new ArrayList<>(
            List.of("experiment", "run", path.toString(), "--out=" + reports.resolve(run)));
    if (warmup != null && !warmup.isBlank()) {
      args.add("--warmup=" + warmup.strip());
    }
    if (rate != null && !rate.isBlank()) {
      args.add("--rate=" + rate.strip());
    }
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("running", true);
    started.put("name", experiment.name());
    started.put("report", run);
    started.put("loadSeconds", experiment.load().duration().toSeconds());
    started.put("timeline", timeline(experiment));
    started.put("line", "lab " + String.join(" ", args));
    state = started;
    progress = null;
    thread =
        new Thread(
            () -> {
              LabLine.Result result = line.experiment(args, p -> progress = p);
              Map<String, Object> done = new LinkedHashMap<>(started);
              done.put("running", false);
              done.put("exitCode", result.exitCode());
              done.put("summary", result.summary());
              done.put("output", result.output() + result.errors());
              done.put(
                  "reportReady", Files.isRegularFile(reports.resolve(run).resolve("report.md")));
              state = done;
            },
            "console-scenario");
    thread.setDaemon(true);
    thread.start();
    return "scenario " + experiment.name() + " started: " + started.get("line");
  }

  /** What the page shows of the scenario: its timeline, where the run is, how it ended. */
  Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>(state);
    Progress p = progress;
    if (p != null && Boolean.TRUE.equals(out.get("running"))) {
      out.put("phase", p.phase().name());
      out.put("elapsedMillis", p.elapsedMillis());
      out.put("totalMillis", p.totalMillis());
      out.put("activeFaults", p.activeFaults());
    }
    return out;
  }

  private static List<Map<String, Object>> timeline(Experiment experiment) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FaultStep step : experiment.timeline()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("atSeconds", step.at().toMillis() / 1000.0);
      s.put("forSeconds", step.lastingFor().map(d -> d.toMillis() / 1000.0).orElse(null));
      s.put("text", step.describe());
      out.add(s);
    }
    return out;
  }
}
