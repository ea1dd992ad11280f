package dev.couplinglab.lab.fault;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Process and network faults on one target. Each action returns the one line that says what it did,
 * and records or forgets the fault in the target's {@link FaultState}.
 */
public abstract class Faults {

  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

  protected final Clock clock;

  protected Faults(Clock clock) {
    this.clock = clock;
  }

  /** The cluster, as named in messages: "the local cluster in run/". */
  public abstract String where();

  public abstract FaultState state();

  public abstract String kill(FaultPart part);

  public abstract String stop(FaultPart part);

  public abstract String start(FaultPart part);

  public abstract String pause(FaultPart part);

  public abstract String resume(FaultPart part);

  public abstract String partition(FaultPart part);

  public abstract String heal(FaultPart part);

  /**
   * Stops several parts as one fault (every broker): one after the other here; a target that can
   * stop them at once does.
   */
  public List<String> stopAll(List<FaultPart> parts) {
    return parts.stream().map(this::stop).toList();
  }

  /**
   * Starts several stopped or killed parts and waits until each is ready. Brokers that are also the
   * KRaft controllers need each other to become ready (a quorum is a majority), so a target whose
   * start waits for readiness must start them all before waiting for any.
   */
  public List<String> startAll(List<FaultPart> parts) {
    return parts.stream().map(this::start).toList();
  }

  /** The fault's effect now, or empty when it no longer holds (undone by someone else). */
  public abstract Optional<String> effect(Fault fault);

  /** Reads a part name of a fault in the state file back into a part. */
  protected abstract FaultPart part(String name);

  /** Removes what the state file may have lost track of (local: our iptables rules). */
  protected void sweep(Consumer<String> out) {}

  /**
   * One line per recorded fault with its age and current effect; faults that no longer hold are
   * shown as gone and dropped from the state file.
   */
  public List<String> list() {
    FaultState state = state();
    List<String> lines = new ArrayList<>();
    for (Fault fault : state.all()) {
      Optional<String> effect = effect(fault);
      String head = fault.part() + " " + fault.kind() + " since " + since(fault.since());
      if (effect.isPresent()) {
        lines.add(head + ": " + effect.get());
      } else {
        lines.add(head + ": gone (undone outside lab fault), dropped");
        state.remove(fault);
      }
    }
    state.save();
    return lines;
  }

  /**
   * Undoes every fault still in effect: resumes paused parts, heals partitions, then starts killed
   * and stopped parts (brokers first, all in one go: see {@link #startAll}). Returns how many it
   * undid.
   */
  public int clear(Consumer<String> out) {
    List<Fault> faults = new ArrayList<>(state().all());
    faults.sort(Comparator.comparingInt(Faults::clearOrder));
    int undone = 0;
    List<FaultPart> down = new ArrayList<>();
    for (Fault fault : faults) {
      if (effect(fault).isEmpty()) {
        state().remove(fault).save();
        continue;
      }
      FaultPart part = part(fault.part());
      switch (fault.kind()) {
        case PAUSED -> out.accept(resume(part));
        case PARTITIONED -> out.accept(heal(part));
        case KILLED, STOPPED -> down.add(part);
      }
      undone++;
    }
    if (!down.isEmpty()) {
      startAll(down).forEach(out);
    }
    sweep(out);
    return undone;
  }

  public String restart(FaultPart part, Consumer<String> out) {
    out.accept(stop(part));
    return start(part);
  }

  /** {@code 08:12:03 (41 s)}. */
  protected String since(Instant when) {
    long seconds = Math.max(0, Duration.between(when, clock.instant()).toSeconds());
    String age =
        seconds < 60
            ? seconds + " s"
            : seconds < 3600
                ? seconds / 60 + " min " + seconds % 60 + " s"
                : seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    return LocalTime.ofInstant(when, ZoneId.systemDefault()).format(CLOCK) + " (" + age + ")";
  }

  private static int clearOrder(Fault fault) {
    int kind =
        switch (fault.kind()) {
          case PAUSED -> 0;
          case PARTITIONED -> 1;
          case KILLED, STOPPED -> 2;
        };
    return kind * 10 + (fault.part().startsWith("kafka") ? 0 : 1);
  }
}
