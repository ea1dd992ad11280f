package dev.couplinglab.lab.fault;

import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.compose.ComposeCommands;
import dev.couplinglab.lab.compose.ContainerState;
import dev.couplinglab.lab.target.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Faults on the compose project through the docker CLI: kill, stop, start, pause and unpause of a
 * service's container, and partitions by disconnecting it from the project network (reconnected
 * under the service's name, so the name still resolves).
 */
public final class ComposeFaults extends Faults {

  private static final Duration HEALTHY_BOUND = Duration.ofSeconds(120);

  private final Compose compose;
  private final Path stateFile;
  private FaultState state;

  public ComposeFaults(Compose compose, Path stateFile, Clock clock) {
    super(clock);
    this.compose = compose;
    this.stateFile = stateFile;
  }

  @Override
  public String where() {
    return "compose project " + ComposeCommands.PROJECT;
  }

  @Override
  public FaultState state() {
    if (state == null) {
      state = FaultState.load(stateFile);
    }
    return state;
  }

  @Override
  public String kill(FaultPart part) {
    String id = compose.requireContainer(part.name());
    ContainerState before = compose.inspect(id);
    if (before.paused()) {
      // Docker refuses to kill a paused container.
      compose.run(ComposeCommands.unpause(part.name()));
    }
    compose.run(ComposeCommands.kill(part.name()));
    state()
        .remove(part.name(), FaultKind.PAUSED, FaultKind.STOPPED)
        .add(fault(part, FaultKind.KILLED, id))
        .save();
    return part + " killed (SIGKILL, container " + before.name() + "; stays down)";
  }

  @Override
  public String stop(FaultPart part) {
    String id = compose.requireContainer(part.name());
    ContainerState before = compose.inspect(id);
    long began = System.nanoTime();
    compose.run(ComposeCommands.stop(part.name()));
    state()
        .remove(part.name(), FaultKind.PAUSED, FaultKind.KILLED)
        .add(fault(part, FaultKind.STOPPED, id))
        .save();
    return part
        + " stopped (SIGTERM, container "
        + before.name()
        + ", exited in "
        + Durations.seconds(System.nanoTime() - began)
        + ")";
  }

  @Override
  public String start(FaultPart part) {
    String id = compose.requireContainer(part.name());
    ContainerState before = compose.inspect(id);
    if (before.status().equals("running")) {
      return part + " is already running (container " + before.name() + ")";
    }
    long began = System.nanoTime();
    compose.run(ComposeCommands.start(part.name()));
    ContainerState now = awaitHealthy(part, id);
    state().remove(part.name(), FaultKind.KILLED, FaultKind.STOPPED, FaultKind.PAUSED).save();
    return part
        + " started (container "
        + now.name()
        + "), "
        + (now.health().isEmpty() ? "running" : now.health())
        + " in "
        + Durations.seconds(System.nanoTime() - began);
  }

  /**
   * One {@code docker compose stop} for all: the stops run in parallel, the fault lands at once.
   */
  @Override
  public List<String> stopAll(List<FaultPart> parts) {
    if (parts.size() == 1) {
      return List.of(stop(parts.get(0)));
    }
    List<String> ids = parts.stream().map(p -> compose.requireContainer(p.name())).toList();
    long began = System.nanoTime();
    compose.run(ComposeCommands.stop(parts.stream().map(FaultPart::name).toList()));
    String took = Durations.seconds(System.nanoTime() - began);
    List<String> lines = new ArrayList<>();
    FaultState state = state();
    for (int i = 0; i < parts.size(); i++) {
      FaultPart part = parts.get(i);
      state
          .remove(part.name(), FaultKind.PAUSED, FaultKind.KILLED)
          .add(fault(part, FaultKind.STOPPED, ids.get(i)));
      lines.add(part + " stopped (SIGTERM, container " + compose.inspect(ids.get(i)).name() + ")");
    }
    state.save();
    lines.add("all exited in " + took);
    return lines;
  }

  /**
   * One {@code docker compose start} for every part not running, then waits for each to be healthy:
   * a broker alone cannot be, its quorum needs the others.
   */
  @Override
  public List<String> startAll(List<FaultPart> parts) {
    if (parts.size() == 1) {
      return List.of(start(parts.get(0)));
    }
    List<FaultPart> down = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (FaultPart part : parts) {
      ContainerState before = compose.inspect(compose.requireContainer(part.name()));
      if (before.status().equals("running")) {
        lines.add(part + " is already running (container " + before.name() + ")");
      } else {
        down.add(part);
      }
    }
    if (down.isEmpty()) {
      return lines;
    }
    long began = System.nanoTime();
    compose.run(ComposeCommands.start(down.stream().map(FaultPart::name).toList()));
    FaultState state = state();
    for (FaultPart part : down) {
      ContainerState now = awaitHealthy(part, compose.requireContainer(part.name()));
      state.remove(part.name(), FaultKind.KILLED, FaultKind.STOPPED, FaultKind.PAUSED);
      lines.add(
          part
              + " started (container "
              + now.name()
              + "), "
              + (now.health().isEmpty() ? "running" : now.health())
              + " in "
              + Durations.seconds(System.nanoTime() - began));
    }
    state.save();
    return lines;
  }

  @Override
  public String pause(FaultPart part) {
    String id = compose.requireContainer(part.name());
    compose.run(ComposeCommands.pause(part.name()));
    state().add(fault(part, FaultKind.PAUSED, id)).save();
    return part + " paused (cgroup freezer, container " + compose.inspect(id).name() + ")";
  }

  @Override
  public String resume(FaultPart part) {
    String id = compose.requireContainer(part.name());
    compose.run(ComposeCommands.unpause(part.name()));
    state().remove(part.name(), FaultKind.PAUSED).save();
    return part + " resumed (unpaused, container " + compose.inspect(id).name() + ")";
  }

  @Override
  public String partition(FaultPart part) {
    String id = compose.requireContainer(part.name());
    ContainerState now = compose.inspect(id);
    if (!now.onProjectNetwork()) {
      return part + " is already partitioned (not on " + ComposeCommands.NETWORK + ")";
    }
    compose.run(ComposeCommands.disconnect(id));
    state().add(fault(part, FaultKind.PARTITIONED, id)).save();
    return part
        + " partitioned (container "
        + now.name()
        + " disconnected from "
        + ComposeCommands.NETWORK
        + ")";
  }

  @Override
  public String heal(FaultPart part) {
    String id = compose.requireContainer(part.name());
    ContainerState now = compose.inspect(id);
    state().remove(part.name(), FaultKind.PARTITIONED).save();
    if (now.onProjectNetwork()) {
      return part + " was not partitioned (on " + ComposeCommands.NETWORK + ")";
    }
    compose.run(ComposeCommands.connect(part.name(), id));
    return part
        + " healed (container "
        + now.name()
        + " reconnected to "
        + ComposeCommands.NETWORK
        + " as "
        + part
        + ")";
  }

  @Override
  public Optional<String> effect(Fault fault) {
    Optional<String> id = compose.containerId(fault.part());
    if (id.isEmpty()) {
      return Optional.empty();
    }
    ContainerState now = compose.inspect(id.get());
    return switch (fault.kind()) {
      case PAUSED -> now.paused() ? Optional.of("container paused") : Optional.empty();
      case KILLED, STOPPED ->
          now.status().equals("running")
              ? Optional.empty()
              : Optional.of("container " + now.status() + " (exit code " + now.exitCode() + ")");
      case PARTITIONED ->
          now.onProjectNetwork()
              ? Optional.empty()
              : Optional.of("disconnected from " + ComposeCommands.NETWORK);
    };
  }

  @Override
  protected FaultPart part(String name) {
    return FaultPart.parse(name, Target.COMPOSE);
  }

  private ContainerState awaitHealthy(FaultPart part, String id) {
    long deadline = System.nanoTime() + HEALTHY_BOUND.toNanos();
    while (true) {
      ContainerState now = compose.inspect(id);
      if (now.healthy()) {
        return now;
      }
      if (!now.status().equals("running") && !now.status().equals("restarting")) {
        throw LabException.failure(
            part
                + " exited during start-up (exit code "
                + now.exitCode()
                + "): see 'lab logs --service "
                + part
                + "'");
      }
      if (System.nanoTime() > deadline) {
        throw LabException.failure(
            part + " is " + now.health() + " after " + HEALTHY_BOUND.toSeconds() + " s");
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw LabException.failure("interrupted");
      }
    }
  }

  private Fault fault(FaultPart part, FaultKind kind, String container) {
    return new Fault(part.name(), kind, clock.instant(), container);
  }
}
