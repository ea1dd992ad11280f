package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.logs.LogFollower;
import dev.couplinglab.lab.logs.LogMerger;
import dev.couplinglab.lab.logs.LogTail;
import dev.couplinglab.lab.target.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * Reads the cluster's logs (local: the run folder's files; compose: {@code docker compose logs}):
 * one order's lines from every service in time order, or the last lines of one log or of each,
 * optionally following new lines until Ctrl-C.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "logs",
    description = "Show the logs: of one order across services, or the tail.")
public final class LogsCommand implements Callable<Integer> {

  private static final long FOLLOW_POLL_MILLIS = 200;

  @ParentCommand private Lab lab;

  @Spec private CommandSpec spec;

  @Option(names = "--order", description = "every line carrying this order id, in time order")
  private String orderId;

  @Option(names = "--service", description = "kafka, order-service, inventory-service, ...")
  private String service;

  @Option(
      names = {"-f", "--follow"},
      description = "keep printing new lines until Ctrl-C")
  private boolean follow;

  @Option(
      names = {"-n", "--lines"},
      description = "how many last lines (default 50, 20 each)")
  private Integer lines;

  @Mixin private TargetOption target;

  @Override
  public Integer call() throws Exception {
    if (orderId != null && (service != null || follow || lines != null)) {
      throw new ParameterException(
          spec.commandLine(), "--order cannot be combined with --service, --follow or --lines");
    }
    int count = lines != null ? lines : service == null ? 20 : 50;
    if (count < 0) {
      throw new ParameterException(spec.commandLine(), "--lines must be 0 or more");
    }
    if (lab.context().target(target.asked()) == Target.COMPOSE) {
      ComposeLogs logs = new ComposeLogs(lab.context());
      if (orderId != null) {
        return print(logs.forOrder(orderId), "the compose services' logs");
      }
      logs.tail(service, count, follow);
      return 0;
    }
    RunDir run = lab.context().runDir();
    if (orderId != null) {
      return printOrder(run);
    }
    List<Part> parts = service == null ? List.of(Part.values()) : List.of(part(service));
    List<LogFollower> followers = new ArrayList<>();
    for (Part part : parts) {
      Path log = run.log(part);
      if (!Files.exists(log)) {
        lab.context().err().println("(no " + PathText.display(log) + " yet)");
      }
      if (parts.size() > 1 && Files.exists(log)) {
        lab.context().out().println("==> " + PathText.display(log) + " <==");
      }
      LogTail.Tail tail = LogTail.read(log, count);
      tail.lines().forEach(lab.context().out()::println);
      followers.add(new LogFollower(log, tail.end()));
    }
    if (follow) {
      followForever(followers);
    }
    return 0;
  }

  private int printOrder(RunDir run) throws IOException {
    Path dir = run.logsDir();
    if (!Files.isDirectory(dir)) {
      throw LabException.failure("no logs in " + PathText.display(dir) + ": start with 'lab up'");
    }
    List<LogMerger.Source> sources = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        sources.add(
            new LogMerger.Source(
                file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8)));
      }
    }
    return print(LogMerger.linesForOrder(sources, orderId), PathText.display(dir) + "/*.log");
  }

  private int print(List<String> merged, String where) {
    if (merged.isEmpty()) {
      throw LabException.failure("no line carries orderId=" + orderId + " in " + where);
    }
    merged.forEach(lab.context().out()::println);
    return 0;
  }

  private void followForever(List<LogFollower> followers) throws IOException {
    while (!Thread.currentThread().isInterrupted()) {
      for (LogFollower follower : followers) {
        follower.poll().forEach(lab.context().out()::println);
      }
      lab.context().out().flush();
      try {
        Thread.sleep(FOLLOW_POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private Part part(String name) {
    return Part.byName(name)
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(),
                    "unknown service '"
                        + name
                        + "': kafka, order-service, inventory-service or notification-service"));
  }
}
