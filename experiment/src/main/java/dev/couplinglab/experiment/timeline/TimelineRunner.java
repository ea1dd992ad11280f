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
 * offset from the load start and undoes it at the end of its {@code for}. {@link #finish()} undoes
 * whatever is still active and skips steps not yet due. Records the windows as applied.
 */
public final class TimelineRunner {

  private record Event(long atNanos, boolean undo, int index) {}

  private record Active(FaultHandle handle, long startNanos, Instant startedAt) {}

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
      queue.add(new Event(steps.get(i).at().toNanos(), false, i));
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
        long end = step.at().plus(step.lasting() == null ? forever() : step.lasting()).toNanos();
        queue.add(new Event(end, true, next.index()));
      }
    }
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
        record(step, before, beforeWall, handle.describe(), null);
        return false;
      }
      active.put(index, new Active(handle, now.getAsLong(), wall.instant()));
      return true;
    } catch (Exception e) {
      record(step, before, beforeWall, "", "apply failed: " + e.getMessage());
      return false;
    }
  }

  private void undo(int index) {
    Active a = active.get(index);
    String error = null;
    try {
      driver.undo(a.handle());
    } catch (Exception e) {
      error = "undo failed: " + e.getMessage();
    }
    active.remove(index);
    record(steps.get(index), a.startNanos(), a.startedAt(), a.handle().describe(), error);
  }

  private synchronized void skip(int index) {
    skipped.add(steps.get(index).describe() + " (due after the load ended)");
  }

  private synchronized void record(
      FaultStep step, long startNanos, Instant startedAt, String detail, String error) {
    windows.add(
        new FaultWindow(
            step, startNanos, now.getAsLong(), startedAt, wall.instant(), detail, error));
  }

  private static java.time.Duration forever() {
    return java.time.Duration.ofDays(365);
  }
}
