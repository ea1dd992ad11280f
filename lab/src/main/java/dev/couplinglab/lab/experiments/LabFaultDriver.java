package dev.couplinglab.lab.experiments;

import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.experiment.timeline.FaultHandle;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.admin.AdminSpecs;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Plays an experiment's fault steps on the lab's target: process and network kinds through the same
 * {@link Faults} as {@code lab fault} (local signals and iptables, or docker compose), application
 * kinds through the target service's AdminService (injected for the step's {@code for}, cleared by
 * id on undo). On compose, a process or network command is started early by the time one docker
 * compose command takes on this machine (measured once, before the first such step), so the fault
 * takes effect when the timeline says; locally, signals and iptables act at once.
 */
public final class LabFaultDriver implements FaultDriver {

  private final Target target;
  private final Faults faults;
  private final AdminPort admin;
  private final Supplier<Duration> commandLatency;
  private volatile Duration lead;

  /**
   * @param commandLatency measures how long one docker compose command takes here (compose only)
   */
  public LabFaultDriver(
      Target target, Faults faults, AdminPort admin, Supplier<Duration> commandLatency) {
    this.target = target;
    this.faults = faults;
    this.admin = admin;
    this.commandLatency = commandLatency;
  }

  public LabFaultDriver(Target target, Faults faults, AdminPort admin) {
    this(target, faults, admin, () -> Duration.ZERO);
  }

  @Override
  public Duration leadTime(FaultStep step) {
    if (target != Target.COMPOSE || step.fault().layer() == FaultKind.Layer.APPLICATION) {
      return Duration.ZERO;
    }
    if (lead == null) {
      lead = commandLatency.get();
    }
    return lead;
  }

  /** A process or network fault on one or more parts, undone by start, resume or heal. */
  record ProcessFault(FaultKind kind, List<FaultPart> parts, String description)
      implements FaultHandle {
    @Override
    public String describe() {
      return description;
    }
  }

  /** A fault held by a service's admin API, undone by ClearFaults with its id. */
  record AdminFault(String service, String id, String description) implements FaultHandle {
    @Override
    public String describe() {
      return description;
    }
  }

  /**
   * Checks that every step names something the target has, before anything runs: a bad step is one
   * line (bad usage) rather than a fault error in the middle of the run. Measures the lead time of
   * the commands, if any step needs one, before the load starts.
   */
  public void check(List<FaultStep> steps) {
    steps.forEach(this::leadTime);
    for (FaultStep step : steps) {
      if (step.fault().layer() == FaultKind.Layer.APPLICATION) {
        service(step.part());
        spec(step);
      } else {
        parts(step.part());
        if (step.peer() != null) {
          service(step.peer());
        }
      }
    }
  }

  @Override
  public FaultHandle apply(FaultStep step) {
    if (step.fault().layer() == FaultKind.Layer.APPLICATION) {
      String service = service(step.part());
      Fault made = admin.inject(service, spec(step));
      String line = "admin fault " + made.getId() + " on " + service + ": " + made.getDescription();
      if (step.fault().isInstant()) {
        return FaultHandle.of(line + " (" + made.getFired() + " written)");
      }
      return new AdminFault(service, made.getId(), line);
    }
    List<FaultPart> parts = parts(step.part());
    List<String> lines = new ArrayList<>();
    if (step.fault() == FaultKind.STOP) {
      lines.addAll(faults.stopAll(parts));
    } else {
      for (FaultPart part : parts) {
        lines.add(
            switch (step.fault()) {
              case KILL -> faults.kill(part);
              case PAUSE -> faults.pause(part);
              case RESTART -> faults.restart(part, lines::add);
              case PARTITION -> faults.partition(part);
              default -> throw new IllegalStateException("not a process fault: " + step.fault());
            });
      }
    }
    String description = String.join("; ", lines);
    if (step.fault() == FaultKind.PARTITION && step.peer() != null) {
      description += "; " + peerNote(step);
    }
    if (step.fault().isInstant()) {
      return FaultHandle.of(description);
    }
    return new ProcessFault(step.fault(), parts, description);
  }

  @Override
  public void undo(FaultHandle handle) {
    if (handle instanceof AdminFault f) {
      admin.clear(f.service(), f.id());
      return;
    }
    if (handle instanceof ProcessFault f) {
      if (f.kind() == FaultKind.KILL || f.kind() == FaultKind.STOP) {
        faults.startAll(f.parts()); // brokers together: each needs the others' quorum
        return;
      }
      for (FaultPart part : f.parts()) {
        switch (f.kind()) {
          case PAUSE -> faults.resume(part);
          case PARTITION -> faults.heal(part);
          default -> {
            // instant kinds have nothing to undo
          }
        }
      }
    }
  }

  /** The admin spec of an application step. */
  static FaultSpec spec(FaultStep step) {
    return switch (step.fault()) {
      case LATENCY ->
          AdminSpecs.latency(step.method(), step.fixed(), step.jitter(), 1.0, step.lasting());
      case ERROR ->
          AdminSpecs.error(
              step.method(), step.code(), step.rate() == null ? 1.0 : step.rate(), step.lasting());
      case SLOW_CONSUMER -> AdminSpecs.slowConsumer(step.topic(), step.delay(), step.lasting());
      case STALL_CONSUMER -> AdminSpecs.stallConsumer(step.topic(), step.lasting());
      case POISON ->
          AdminSpecs.poison(
              step.topic() == null
                  ? AdminSpecs.defaultPoisonTopic(service(step.part()))
                  : step.topic(),
              step.count() == null ? 1 : step.count());
      default -> throw new IllegalStateException("not an application fault: " + step.fault());
    };
  }

  /** What a partition with a peer really cuts on this target: said in the report. */
  private String peerNote(FaultStep step) {
    String peer = service(step.peer());
    return target == Target.COMPOSE
        ? "approximation of a cut from "
            + peer
            + " only: the container is disconnected from the whole project network, so it"
            + " also loses Kafka and every other peer"
        : "approximation of a cut from "
            + peer
            + " only: on one loopback host the rule drops every TCP connection to the target's"
            + " gRPC port, whoever calls";
  }

  /** The parts a process or network step acts on; {@code kafka} on compose means every broker. */
  private List<FaultPart> parts(String name) {
    if (target == Target.COMPOSE && name.trim().equalsIgnoreCase("kafka")) {
      return Compose.BROKERS.stream().map(b -> FaultPart.parse(b, target)).toList();
    }
    return List.of(FaultPart.parse(name, target));
  }

  private static String service(String name) {
    return Part.byName(name)
        .filter(Part::isService)
        .map(Part::displayName)
        .orElseThrow(
            () ->
                LabException.usage(
                    "'"
                        + name
                        + "' is not a service: application faults act on "
                        + Part.SERVICES.stream()
                            .map(Part::displayName)
                            .collect(Collectors.joining(", "))));
  }
}
