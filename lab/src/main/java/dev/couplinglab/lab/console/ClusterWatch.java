package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.GrpcErrors;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.admin.AdminChannels;
import dev.couplinglab.lab.admin.AdminFaults;
import dev.couplinglab.lab.cluster.HealthProbe;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.target.Target;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How each part of the cluster is now, for the page's picture: its health, and the faults on it as
 * {@code lab fault list} says them (process and network faults with their age, admin faults with
 * how often they fired). A part that does not answer is shown as such; the watch never fails.
 */
final class ClusterWatch implements AutoCloseable {

  /** Short: a paused service must not hold the picture for long. */
  private static final Duration PROBE = Duration.ofMillis(400);

  /** One part in the picture. */
  record PartState(String name, String kind, String health, List<String> faults) {}

  private final LabContext lab;
  private final Target target;
  private final LabLine line;
  private final Map<String, HealthProbe> probes = new LinkedHashMap<>();
  private final AdminChannels channels = new AdminChannels();
  private volatile Map<String, List<String>> faults = Map.of();
  private volatile List<String> faultNotes = List.of();

  ClusterWatch(LabContext lab, Target target, LabLine line) {
    this.lab = lab;
    this.target = target;
    this.line = line;
  }

  /** The parts of the target: the broker(s), then the three services. */
  List<String> parts() {
    List<String> parts = new ArrayList<>();
    if (target == Target.COMPOSE) {
      parts.addAll(Compose.BROKERS);
    } else {
      parts.add(Part.KAFKA.displayName());
    }
    Part.SERVICES.forEach(p -> parts.add(p.displayName()));
    return parts;
  }

  /** Each part's health now, with the faults last listed. */
  List<PartState> now() {
    Map<String, String> health =
        target == Target.COMPOSE ? composeHealth() : localHealth(lab.runDir());
    List<PartState> out = new ArrayList<>();
    Map<String, List<String>> listed = faults;
    for (String part : parts()) {
      out.add(
          new PartState(
              part,
              part.startsWith("kafka") ? "broker" : "service",
              health.getOrDefault(part, "unknown"),
              listed.getOrDefault(part, List.of())));
    }
    return out;
  }

  /** Notes {@code lab fault list} gave about services it could not ask (paused ones). */
  List<String> faultNotes() {
    return faultNotes;
  }

  /**
   * Reads the faults in effect as {@code lab fault list} does (the same lines the terminal shows),
   * and files each under the part it names. It runs while no fault line runs (listing drops gone
   * faults from the state file) and asks the services on channels kept open for the console's life:
   * a listing every few seconds that opened three connections each time was most of the console's
   * gRPC work.
   */
  void listFaults() {
    List<String> lines = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    line.serialized(
        () -> {
          try {
            lines.addAll(lab.faults(target).list());
            AdminFaults.Listing admin =
                new AdminFaults(lab.adminAccess(target, channels), Clock.systemUTC()).list();
            lines.addAll(admin.faults());
            lines.addAll(admin.notes());
          } catch (LabException e) {
            notes.add(e.line());
          } catch (StatusRuntimeException e) {
            notes.add("error: " + GrpcErrors.describe(e));
          }
        });
    Map<String, List<String>> byPart = new LinkedHashMap<>();
    List<String> known = parts();
    for (String text : lines) {
      String part = text.split(" ", 2)[0];
      if (!known.contains(part)) {
        continue;
      }
      String rest = text.substring(part.length()).strip();
      if (rest.startsWith("admin faults ")) {
        notes.add(text); // "<service> admin faults not listed: no answer within 2 s (paused?)"
      } else {
        byPart.computeIfAbsent(part, p -> new ArrayList<>()).add(rest);
      }
    }
    faults = byPart;
    faultNotes = notes;
  }

  private Map<String, String> localHealth(RunDir run) {
    Map<String, String> out = new LinkedHashMap<>();
    Ports ports = lab.clusterPorts();
    for (Part part : Part.values()) {
      OptionalLong pid = run.readPid(part);
      ProcessOwnership.State state = ProcessOwnership.state(pid, run.marker());
      String health;
      if (state != ProcessOwnership.State.OURS) {
        health = "down";
      } else if (ProcessOwnership.isStopped(pid.getAsLong())) {
        health = "paused";
      } else if (part == Part.KAFKA) {
        health = HealthProbe.tcpReachable(ports.kafka(), PROBE) ? "up" : "not answering";
      } else {
        health = grpcHealth(part.displayName(), ports.address(part));
      }
      out.put(part.displayName(), health);
    }
    return out;
  }

  private Map<String, String> composeHealth() {
    Map<String, String> out = new LinkedHashMap<>();
    List<Compose.Row> rows;
    try {
      rows = lab.compose().rows();
    } catch (RuntimeException e) {
      parts().forEach(p -> out.put(p, "unknown (docker: " + e.getMessage() + ")"));
      return out;
    }
    for (Compose.Row row : rows) {
      String health;
      if (row.state().equals("paused")) {
        health = "paused";
      } else if (!row.state().equals("running")) {
        health = "down";
      } else if (row.service().startsWith("kafka")) {
        health = row.health().isEmpty() || row.health().equals("healthy") ? "up" : row.health();
      } else {
        health = grpcHealth(row.service(), Compose.address(row.service()));
      }
      out.put(row.service(), health);
    }
    return out;
  }

  /** up, starting (NOT_SERVING), not answering (port open, no answer) or down. */
  private String grpcHealth(String service, String address) {
    HealthProbe probe = probes.computeIfAbsent(service, s -> new HealthProbe(address));
    String answer = probe.check(PROBE);
    return switch (answer) {
      case "SERVING" -> "up";
      case "NOT_SERVING" -> "starting";
      case HealthProbe.UNREACHABLE -> "not answering";
      default -> answer.toLowerCase(java.util.Locale.ROOT);
    };
  }

  @Override
  public void close() {
    probes.values().forEach(HealthProbe::close);
    probes.clear();
    channels.close();
  }
}
