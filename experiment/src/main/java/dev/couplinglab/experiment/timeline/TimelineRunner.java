package dev.couplinglab.experiment.timeline;

import dev.couplinglab.experiment.model.FaultStep;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Plays a fault timeline against a {@link FaultDriver} on one thread: applies each step at its
 * offset from the load start and undoes it at the end of its {@code for}, each command started
 * early by the driver's {@link FaultDriver#leadTime lead time} so that it takes effect on time.
 * {@link #finish()} undoes whatever is still active and skips steps not yet due. Records the
 * windows as applied, and says until when the load must run to cover every fault and a recovery
 * window after it ({@link #loadNeededUntil}).
 */
public final class TimelineRunner {

  private record Event(long atNanos, boolean undo, int index) {}

  private record Active(
      FaultHandle handle, long startNanos, Instant startedAt, long applyCalledNanos) {}

  private final List<FaultStep> steps;
  private final FaultDriver driver;
  private final LongSupplier now;
  private final Clock wall;
  private final CountDownLatch stopping = new CountDownLatch(1);
  private final Map<Integer, Active> active = new ConcurrentHashMap<>();
  private final List<FaultWindow> windows = new ArrayList<>();
  private final List<String> skipped = new ArrayList<>();
  private Thread thread;

  /**
   * @param now nanoseconds since the load start (the clock of the order records)
   */
  public TimelineRunner(List<FaultStep> steps, FaultDriver driver, LongSupplier now, Clock wall) {
    this.steps = List.copyOf(steps);
    this.driver = driver;
    this.now = now;
    this.wall = wall;
  }

  public void start() {
    thread = new Thread(this::play, "fault-timeline");
    thread.setDaemon(true);
    thread.start();
  }

  /** Skips steps not yet applied, undoes active ones, and returns when all is done. */
  public void finish() throws InterruptedException {
    stopping.countDown();
    if (thread != null) {
      thread.join();
    }
  }

  /** The faults in force now, described for a progress line. */
  public List<String> activeNow() {
    return active.keySet().stream().sorted().map(i -> steps.get(i).describe()).toList();
  }

  public synchronized List<FaultWindow> windows() {
    return windows.stream().sorted(Comparator.comparingLong(FaultWindow::startNanos)).toList();
  }

  /** Steps never applied because the load ended first. */
  public synchronized List<String> skipped() {
    return List.copyOf(skipped);
  }

  private void play() {
    PriorityQueue<Event> queue =
        new PriorityQueue<>(
            Comparator.comparingLong(Event::atNanos)
                .thenComparing(e -> !e.undo())
                .thenComparingInt(Event::index));
    for (int i = 0; i < steps.size(); i++) {
      FaultStep step = steps.get(i);
      queue.add(new Event(early(step.at(), step), false, i));
    }
    while (!queue.isEmpty()) {
      Event next = queue.peek();
      if (!waitUntil(next.atNanos())) {
        // Stopping: undo what is active, skip what has not started.
        queue.poll();
        if (next.undo()) {
          undo(next.index());
        } else {
          skip(next.index());
        }
        continue;
      }
      queue.poll();
      if (next.undo()) {
        undo(next.index());
      } else if (apply(next.index())) {
        FaultStep step = steps.get(next.index());
        queue.add(
            new Event(
                early(step.at().plus(step.lasting() == null ? forever() : step.lasting()), step),
                true,
                next.index()));
      }
    }
  }

  /** {@code planned} less the driver's lead time for {@code step}, in nanoseconds, not below 0. */
  private long early(java.time.Duration planned, FaultStep step) {
    return Math.max(0, planned.minus(driver.leadTime(step)).toNanos());
  }

  /**
   * Until when (nanoseconds after the load start) the load must run so that {@code recovery} of
   * load follows the end of every fault: the planned end of a step not yet applied, now for one
   * still in force, the applied end of one undone. 0 without steps.
   */
  public synchronized long loadNeededUntil(java.time.Duration recovery) {
    long needed = 0;
    long margin = recovery.toNanos();
    for (int i = 0; i < steps.size(); i++) {
      FaultStep step = steps.get(i);
      if (step.lasting() == null && !step.fault().isInstant()) {
        continue; // lasts until the end of the load: nothing to recover from within it
      }
      needed =
          Math.max(
              needed,
              step.at()
                      .plus(step.lasting() == null ? java.time.Duration.ZERO : step.lasting())
                      .toNanos()
                  + margin);
    }
    for (FaultWindow w : windows) {
      if (w.step().lasting() != null || w.step().fault().isInstant()) {
        needed = Math.max(needed, w.endNanos() + margin);
      }
    }
    if (!active.isEmpty()) {
      needed = Math.max(needed, now.getAsLong() + margin);
    }
    return needed;
  }

  /** Waits for {@code atNanos}; false when asked to stop first. */
  private boolean waitUntil(long atNanos) {
    try {
      long wait = atNanos - now.getAsLong();
      return wait <= 0 ? stopping.getCount() > 0 : !stopping.await(wait, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private boolean apply(int index) {
    FaultStep step = steps.get(index);
    long before = now.getAsLong();
    Instant beforeWall = wall.instant();
    try {
      FaultHandle handle = driver.apply(step);
      if (step.fault().isInstant()) {
        record(step, before, beforeWall, handle.describe(), null, before, before);
        return false;
      }
      active.put(index, new Active(handle, now.getAsLong(), wall.instant(), before));
      return true;
    } catch (Exception e) {
      record(step, before, beforeWall, "", "apply failed: " + e.getMessage(), before, before);
      return false;
    }
  }

  private void undo(int index) {
    Active a = active.get(index);
    long undoCalled = now.getAsLong();
    String error = null;
    try {
      driver.undo(a.handle());
    } catch (Exception e) {
      error = "undo failed: " + e.getMessage();
    }
    active.remove(index);
    record(
        steps.get(index),
        a.startNanos(),
        a.startedAt(),
        a.handle().describe(),
        error,
        a.applyCalledNanos(),
        undoCalled);
  }

  private synchronized void skip(int index) {
    skipped.add("Skipped: " + steps.get(index).describe() + " (due after the load ended)");
  }

  private synchronized void record(
      FaultStep step,
      long startNanos,
      Instant startedAt,
      String detail,
      String error,
      long applyCalled,
      long undoCalled) {
    windows.add(
        new FaultWindow(
            step,
            startNanos,
            now.getAsLong(),
            startedAt,
            wall.instant(),
            detail,
            error,
            applyCalled,
            undoCalled));
  }

  private static java.time.Duration forever() {
    return java.time.Duration.ofDays(365);
  }
}
