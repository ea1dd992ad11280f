package dev.couplinglab.lab.cluster;

import dev.couplinglab.experiment.launch.LaunchPlan;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.logs.LogTail;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Starts parts of a local cluster the way {@code lab up} does, each its own JVM that outlives the
 * command, and waits until Kafka answers or a service's gRPC health says SERVING. On a failure it
 * shows the last lines of the part's log on stderr.
 */
public final class LocalStarter {

  private static final Duration READY_BOUND = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int LOG_LINES_ON_FAILURE = 20;

  private final Path home;
  private final RunDir run;
  private final Ports ports;
  private final PrintWriter err;
  private LaunchPlan plan;

  public LocalStarter(Path home, RunDir run, Ports ports, PrintWriter err) {
    this.home = home;
    this.run = run;
    this.ports = ports;
    this.err = err;
  }

  /** The plan, with the run folder's admin token (made on first use, then reused). */
  private LaunchPlan plan() {
    if (plan == null) {
      plan =
          new LaunchPlan(
              home, run.layout(), ports, LaunchPlan.currentJava(), AdminToken.ensure(run));
    }
    return plan;
  }

  public void requireJar(Part part) {
    if (!Files.isRegularFile(part.jar(home))) {
      throw LabException.failure(
          "missing "
              + part.jar(home)
              + ": build it with ./mvnw -q package -DskipTests (bin/lab does this on first run)");
    }
  }

  /** Whether {@code part} starts from a class-data archive (else it records one when it stops). */
  public boolean hasClassArchive(Part part) {
    return plan().hasClassArchive(part);
  }

  /** Launches {@code part} and records its pid; does not wait. */
  public ProcessHandle launch(Part part) {
    ProcessHandle process =
        ProcessLauncher.launch(plan().command(part), plan().env(part), run.root(), run.log(part));
    run.writePid(part, process.pid());
    return process;
  }

  public void awaitKafka(ProcessHandle kafka) {
    Instant deadline = Instant.now().plus(READY_BOUND);
    try (KafkaProbe probe = new KafkaProbe(ports.address(Part.KAFKA))) {
      while (Instant.now().isBefore(deadline)) {
        if (!kafka.isAlive()) {
          failWithLog(Part.KAFKA, "kafka exited during start-up");
        }
        if (HealthProbe.tcpReachable(ports.kafka(), POLL) && probe.answers(Duration.ofSeconds(2))) {
          return;
        }
        pause();
      }
    }
    failWithLog(Part.KAFKA, "kafka did not answer within " + READY_BOUND.toSeconds() + " s");
  }

  /** Waits until every service in {@code processes} says SERVING (Kafka entries are ignored). */
  public void awaitServing(Map<Part, ProcessHandle> processes) {
    Instant deadline = Instant.now().plus(READY_BOUND);
    Map<Part, HealthProbe> probes = new EnumMap<>(Part.class);
    Map<Part, String> health = new EnumMap<>(Part.class);
    try {
      for (Part service : processes.keySet()) {
        if (service.isService()) {
          probes.put(service, new HealthProbe(ports.address(service)));
        }
      }
      while (!probes.isEmpty()) {
        for (Part service : List.copyOf(probes.keySet())) {
          if (!processes.get(service).isAlive()) {
            failWithLog(service, service + " exited during start-up");
          }
          String status = probes.get(service).check(Duration.ofSeconds(1));
          health.put(service, status);
          if (status.equals("SERVING")) {
            probes.remove(service).close();
          }
        }
        if (!probes.isEmpty() && Instant.now().isAfter(deadline)) {
          Part late = probes.keySet().iterator().next();
          failWithLog(
              late,
              late
                  + " is "
                  + health.get(late)
                  + " after "
                  + READY_BOUND.toSeconds()
                  + " s (still waiting: "
                  + names(probes.keySet())
                  + ")");
        }
        if (!probes.isEmpty()) {
          pause();
        }
      }
    } finally {
      probes.values().forEach(HealthProbe::close);
    }
  }

  public static String names(Collection<Part> parts) {
    return parts.stream().map(Part::displayName).collect(Collectors.joining(", "));
  }

  private void failWithLog(Part part, String problem) {
    Path log = run.log(part);
    err.println("--- last lines of " + PathText.display(log) + " ---");
    try {
      LogTail.read(log, LOG_LINES_ON_FAILURE).lines().forEach(err::println);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    err.println("---");
    throw LabException.failure(
        problem + "; parts already started keep running: stop them with 'lab down'");
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw LabException.failure("interrupted");
    }
  }
}
