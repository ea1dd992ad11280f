package dev.couplinglab.lab.fault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.lab.target.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What list and clear do with the recorded faults, on a target whose reality is a set. */
class FaultsTest {

  private static final Instant NOW = Instant.parse("2026-11-27T08:12:44Z");

  @TempDir Path dir;

  /** Faults whose actions only record what they were asked and what holds. */
  private final class Recorded extends Faults {
    final FaultState state = FaultState.load(dir.resolve("faults.properties"));
    final Set<String> inEffect = new HashSet<>();
    final List<String> actions = new ArrayList<>();

    Recorded() {
      super(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Override
    public String where() {
      return "test";
    }

    @Override
    public FaultState state() {
      return state;
    }

    private String act(String what, FaultPart part, FaultKind undone) {
      actions.add(what + " " + part);
      state.remove(part.name(), undone).save();
      return part + " " + what;
    }

    @Override
    public String kill(FaultPart part) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String stop(FaultPart part) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String start(FaultPart part) {
      return act("started", part, FaultKind.KILLED);
    }

    @Override
    public String pause(FaultPart part) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String resume(FaultPart part) {
      return act("resumed", part, FaultKind.PAUSED);
    }

    @Override
    public String partition(FaultPart part) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String heal(FaultPart part) {
      return act("healed", part, FaultKind.PARTITIONED);
    }

    @Override
    public Optional<String> effect(Fault fault) {
      return inEffect.contains(fault.part() + " " + fault.kind())
          ? Optional.of("holds")
          : Optional.empty();
    }

    @Override
    protected FaultPart part(String name) {
      return FaultPart.parse(name, Target.COMPOSE);
    }
  }

  @Test
  void listsFaultsWithTheirAgeAndDropsThoseUndoneElsewhere() {
    Recorded faults = new Recorded();
    faults.state.add(new Fault("inventory-service", FaultKind.PAUSED, NOW.minusSeconds(41), "c"));
    faults.state.add(new Fault("kafka-2", FaultKind.KILLED, NOW.minusSeconds(125), "c")).save();
    faults.inEffect.add("inventory-service paused");

    List<String> lines = faults.list();

    assertThat(lines)
        .as("one line each, stale one marked")
        .hasSize(2)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches("inventory-service paused since \\d\\d:\\d\\d:03 \\(41 s\\): holds"))
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "kafka-2 killed since \\d\\d:\\d\\d:39 \\(2 min 5 s\\): gone .*dropped"));
    assertThat(FaultState.load(faults.state.file()).all())
        .as("the stale fault is dropped from the file")
        .extracting(Fault::part)
        .containsExactly("inventory-service");
  }

  @Test
  void clearResumesThenHealsThenStartsBrokersBeforeServices() {
    Recorded faults = new Recorded();
    faults.state.add(new Fault("order-service", FaultKind.KILLED, NOW, "c"));
    faults.state.add(new Fault("kafka-2", FaultKind.KILLED, NOW, "c"));
    faults.state.add(new Fault("order-service", FaultKind.PARTITIONED, NOW, "c"));
    faults.state.add(new Fault("inventory-service", FaultKind.PAUSED, NOW, "c"));
    faults.state.add(new Fault("notification-service", FaultKind.PAUSED, NOW, "c")).save();
    faults.inEffect.addAll(
        List.of(
            "order-service killed",
            "kafka-2 killed",
            "order-service partitioned",
            "inventory-service paused"));
    List<String> printed = new ArrayList<>();

    int undone = faults.clear(printed::add);

    assertThat(faults.actions)
        .as("resume, heal, start kafka, start services; nothing for the stale pause")
        .containsExactly(
            "resumed inventory-service",
            "healed order-service",
            "started kafka-2",
            "started order-service");
    assertThat(undone).as("count").isEqualTo(4);
    assertThat(printed).as("one line per action").hasSize(4);
    assertThat(FaultState.load(faults.state.file()).all()).as("nothing left").isEmpty();
  }
}
