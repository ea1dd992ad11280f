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
      if (step.part().equals("broken")) {
        throw new IllegalStateException("no such process");
      }
      calls.add("apply " + step.fault().text() + " " + step.part());
      return FaultHandle.of(step.fault().text() + " " + step.part());
    }

    @Override
    public void undo(FaultHandle handle) {
      calls.add("undo " + handle.describe());
    }
  }

  /** A driver whose commands the timeline must start {@code lead} early. */
  private static final class LeadingDriver implements FaultDriver {
    final RecordingDriver inner = new RecordingDriver();
    final Duration lead;

    LeadingDriver(Duration lead) {
      this.lead = lead;
    }

    @Override
    public FaultHandle apply(FaultStep step) {
      return inner.apply(step);
    }

    @Override
    public void undo(FaultHandle handle) {
      inner.undo(handle);
    }

    @Override
    public Duration leadTime(FaultStep step) {
      return lead;
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
        .startsWith("Skipped: stop notification-service");
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

  @Test
  void startsEachCommandEarlyByTheDriversLeadTimeAndRecordsWhenItRan() throws Exception {
    LeadingDriver driver = new LeadingDriver(Duration.ofSeconds(30));
    TimelineRunner timeline =
        new TimelineRunner(
            List.of(step(30_000, FaultKind.STOP, "inventory-service", 200L)),
            driver,
            this::now,
            Clock.systemUTC());

    timeline.start();
    await("applied 30 s early, undone at 30.2 s - 30 s")
        .atMost(Duration.ofSeconds(10))
        .until(() -> driver.inner.calls.size() == 2);
    timeline.finish();

    FaultWindow w = timeline.windows().get(0);
    assertThat(w.applyCalledNanos())
        .as("apply started before the planned 30 s")
        .isLessThan(30_000_000_000L);
    assertThat(w.undoCalledNanos())
        .as("undo started at the planned end less the lead, not before")
        .isGreaterThanOrEqualTo(200_000_000L)
        .isLessThan(30_200_000_000L);
    assertThat(w.startNanos())
        .as("in force once apply returned")
        .isGreaterThanOrEqualTo(w.applyCalledNanos());
    assertThat(w.endNanos()).as("until undo returned").isGreaterThanOrEqualTo(w.undoCalledNanos());
  }

  @Test
  void theLoadMustCoverEveryFaultAndARecoveryWindowAfterIt() throws Exception {
    java.util.concurrent.atomic.AtomicLong clock = new java.util.concurrent.atomic.AtomicLong();
    RecordingDriver driver = new RecordingDriver();
    TimelineRunner timeline =
        new TimelineRunner(
            List.of(
                step(10_000, FaultKind.KILL, "inventory-service", 20_000L),
                step(5_000, FaultKind.PAUSE, "notification-service", null)),
            driver,
            clock::get,
            Clock.systemUTC());
    Duration recovery = Duration.ofSeconds(20);

    long planned = timeline.loadNeededUntil(recovery);
    clock.set(Duration.ofSeconds(12).toNanos());
    timeline.start();
    await("both faults in force")
        .atMost(Duration.ofSeconds(5))
        .until(() -> timeline.activeNow().size() == 2);
    clock.set(Duration.ofSeconds(45).toNanos());
    long stillActive = timeline.loadNeededUntil(recovery);
    timeline.finish();
    long undoneLate = timeline.loadNeededUntil(recovery);

    assertThat(planned)
        .as("planned end of the kill (30 s) plus 20 s; the pause lasts to the end of the load")
        .isEqualTo(Duration.ofSeconds(50).toNanos());
    assertThat(stillActive)
        .as("a fault still in force at 45 s needs load until 65 s")
        .isEqualTo(Duration.ofSeconds(65).toNanos());
    assertThat(undoneLate)
        .as("undone at 45 s: load until 65 s")
        .isEqualTo(Duration.ofSeconds(65).toNanos());
  }
}
