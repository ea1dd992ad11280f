package dev.couplinglab.experiment.timeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.FaultStep;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimelineRunnerTest {

  /** Records what it was asked to do; refuses steps on the target "broken". */
  private static final class RecordingDriver implements FaultDriver {
    final List<String> calls = new CopyOnWriteArrayList<>();

    @Override
    public FaultHandle apply(FaultStep step) {
      if (step.target().equals("broken")) {
        throw new IllegalStateException("no such process");
      }
      calls.add("apply " + step.fault().text() + " " + step.target());
      return FaultHandle.of(step.fault().text() + " " + step.target());
    }

    @Override
    public void undo(FaultHandle handle) {
      calls.add("undo " + handle.describe());
    }
  }

  private static FaultStep step(long atMs, FaultKind kind, String target, Long forMs) {
    return new FaultStep(
        Duration.ofMillis(atMs),
        kind,
        target,
        forMs == null ? null : Duration.ofMillis(forMs),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private final long start = System.nanoTime();

  private long now() {
    return System.nanoTime() - start;
  }

  @Test
  void appliesAtTheOffsetAndUndoesAtTheEndOfFor() throws Exception {
    RecordingDriver driver = new RecordingDriver();
    TimelineRunner timeline =
        new TimelineRunner(
            List.of(step(50, FaultKind.PAUSE, "inventory-service", 100L)),
            driver,
            this::now,
            Clock.systemUTC());

    timeline.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> driver.calls.size() == 2);
    timeline.finish();

    assertThat(driver.calls)
        .containsExactly("apply pause inventory-service", "undo pause inventory-service");
    FaultWindow w = timeline.windows().get(0);
    assertThat(w.startNanos()).as("not before its offset").isGreaterThanOrEqualTo(50_000_000L);
    assertThat(w.endNanos()).as("undone not before at + for").isGreaterThanOrEqualTo(150_000_000L);
    assertThat(w.error()).isNull();
    assertThat(w.endedAt()).isAfterOrEqualTo(w.startedAt());
  }

  @Test
  void finishUndoesActiveFaultsAndSkipsThoseNotYetDue() throws Exception {
    RecordingDriver driver = new RecordingDriver();
    TimelineRunner timeline =
        new TimelineRunner(
            List.of(
                step(0, FaultKind.KILL, "inventory-service", null),
                step(3_600_000, FaultKind.STOP, "notification-service", 1000L)),
            driver,
            this::now,
            Clock.systemUTC());

    timeline.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> timeline.activeNow().size() == 1);
    timeline.finish();

    assertThat(driver.calls)
        .containsExactly("apply kill inventory-service", "undo kill inventory-service");
    assertThat(timeline.windows()).hasSize(1);
    assertThat(timeline.activeNow()).isEmpty();
    assertThat(timeline.skipped())
        .singleElement()
        .asString()
        .startsWith("stop notification-service");
  }

  @Test
  void recordsAFaultThatCouldNotBeMadeAndAnInstantOne() throws Exception {
    RecordingDriver driver = new RecordingDriver();
    TimelineRunner timeline =
        new TimelineRunner(
            List.of(
                step(0, FaultKind.KILL, "broken", 1000L),
                step(10, FaultKind.RESTART, "inventory-service", null)),
            driver,
            this::now,
            Clock.systemUTC());

    timeline.start();
    await().atMost(Duration.ofSeconds(5)).until(() -> timeline.windows().size() == 2);
    timeline.finish();

    assertThat(timeline.windows().get(0).error()).isEqualTo("apply failed: no such process");
    assertThat(timeline.windows().get(1).detail()).isEqualTo("restart inventory-service");
    assertThat(driver.calls)
        .as("an instant fault is never undone")
        .containsExactly("apply restart inventory-service");
  }
}
