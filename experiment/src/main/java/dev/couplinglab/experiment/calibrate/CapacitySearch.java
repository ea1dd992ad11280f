package dev.couplinglab.experiment.calibrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Decides a calibration from the steps run so far, without running anything: the next rate to try,
 * or the capacity found. Climbs a ladder of rates until the first failing step, then (optionally)
 * halves the gap between the last passing rate and the first failing one a few times. The capacity
 * is the highest passing rate below the lowest failing one. Pure: no clock, no I/O.
 *
 * <p>On a shared machine a neighbour's burst can fail one step: with {@code confirmFailures} a
 * failing step is run once more, and the rate fails only when both runs fail (as the bench's
 * RateSearch does).
 *
 * @param ladder the rates to climb, ascending
 * @param refineSteps how many midpoints to try after the first failure (0: none)
 * @param confirmFailures run a failing rate once more before trusting the failure
 */
public record CapacitySearch(List<Double> ladder, int refineSteps, boolean confirmFailures) {

  public static final List<Double> DEFAULT_LADDER =
      List.of(10.0, 20.0, 30.0, 50.0, 75.0, 100.0, 150.0, 200.0, 300.0, 500.0, 750.0, 1000.0);

  /** Refinement stops when the gap is narrower than this share of the passing rate. */
  private static final double CLOSE_ENOUGH = 0.1;

  public CapacitySearch {
    ladder = List.copyOf(ladder);
    if (ladder.isEmpty()) {
      throw new IllegalArgumentException("the ladder of rates is empty");
    }
    if (!(ladder.get(0) > 0)) {
      throw new IllegalArgumentException("the rates of the ladder must be above 0: " + ladder);
    }
    for (int i = 1; i < ladder.size(); i++) {
      if (!(ladder.get(i) > ladder.get(i - 1))) {
        throw new IllegalArgumentException("the ladder of rates must ascend: " + ladder);
      }
    }
    if (refineSteps < 0) {
      throw new IllegalArgumentException("refine steps must be 0 or more, was " + refineSteps);
    }
  }

  /** A search that trusts every failure at once. */
  public CapacitySearch(List<Double> ladder, int refineSteps) {
    this(ladder, refineSteps, false);
  }

  /** The capacity found (if any) and one line saying how. */
  public record Outcome(OptionalDouble capacityPerStyle, String verdict) {}

  /** The rate of the next step, or empty when the search is over. */
  public OptionalDouble next(List<StepResult> steps, Bounds bounds) {
    if (!steps.isEmpty() && awaitsConfirmation(steps, bounds)) {
      return OptionalDouble.of(steps.get(steps.size() - 1).rate());
    }
    List<StepResult> done = perRate(steps, bounds);
    int firstFailure = firstFailure(done, bounds);
    if (firstFailure < 0) {
      return done.size() < ladder.size()
          ? OptionalDouble.of(ladder.get(done.size()))
          : OptionalDouble.empty();
    }
    OptionalDouble passing = highestPassing(done, bounds);
    int refined = done.size() - firstFailure - 1;
    if (passing.isEmpty() || refined >= refineSteps) {
      return OptionalDouble.empty();
    }
    double low = passing.getAsDouble();
    double high = lowestFailing(done, bounds);
    double mid = Math.rint((low + high) / 2);
    if (high - low <= Math.max(1, low * CLOSE_ENOUGH) || mid <= low || mid >= high) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(mid);
  }

  /** What the steps found; call when {@link #next} is empty. */
  public Outcome outcome(List<StepResult> steps, Bounds bounds) {
    List<StepResult> done = perRate(steps, bounds);
    if (done.isEmpty()) {
      return new Outcome(OptionalDouble.empty(), "capacity unknown: no step ran");
    }
    OptionalDouble capacity = highestPassing(done, bounds);
    if (capacity.isEmpty()) {
      StepResult first = done.get(0);
      return new Outcome(
          capacity,
          "capacity unknown: even the lowest rate, "
              + RateFormat.perSecond(first.rate())
              + " per style, failed ("
              + first.failure(bounds)
              + "); start lower with --rates");
    }
    if (firstFailure(done, bounds) < 0) {
      return new Outcome(
          capacity,
          "every step passed: capacity is at least "
              + RateFormat.perSecond(capacity.getAsDouble())
              + " per style (the top of the ladder; add higher --rates to find more)");
    }
    return new Outcome(
        capacity,
        "capacity "
            + RateFormat.perSecond(capacity.getAsDouble())
            + " per style: the highest rate both styles held ("
            + RateFormat.perSecond(lowestFailing(done, bounds))
            + " failed)");
  }

  /** What the steps found when the search had to stop before {@link #next}'s step. */
  public Outcome stoppedEarly(List<StepResult> steps, Bounds bounds, String reason) {
    List<StepResult> done = perRate(steps, bounds);
    Outcome found = outcome(done, bounds);
    if (found.capacityPerStyle().isEmpty() || firstFailure(done, bounds) >= 0) {
      return new Outcome(found.capacityPerStyle(), found.verdict() + "; then stopped: " + reason);
    }
    return new Outcome(
        found.capacityPerStyle(),
        "capacity at least "
            + RateFormat.perSecond(found.capacityPerStyle().getAsDouble())
            + " per style (the last step run, passed); stopped before the next: "
            + reason);
  }

  /**
   * Why a step at {@code rate} for {@code seconds} (both styles, one item per order) cannot run on
   * {@code available} items of {@code sku}, or empty when it can or the stock is unknown (-1).
   */
  public static Optional<String> stockShortfall(
      String sku, long available, double rate, double seconds) {
    long needed = 2 * (long) Math.ceil(rate * seconds);
    if (available < 0 || available >= needed) {
      return Optional.empty();
    }
    return Optional.of(
        sku
            + " has "
            + available
            + " items left and "
            + RateFormat.perSecond(rate)
            + " needs "
            + needed
            + ": start the cluster afresh (lab down --clean, lab up) or pass another --sku");
  }

  /** True when the last step failed on its rate's first run and failures are confirmed. */
  private boolean awaitsConfirmation(List<StepResult> steps, Bounds bounds) {
    StepResult last = steps.get(steps.size() - 1);
    long runs = steps.stream().filter(s -> s.rate() == last.rate()).count();
    return confirmFailures && runs == 1 && !last.passed(bounds);
  }

  /** One result per rate, in the order tried: a passing run if any, else the last failing one. */
  private static List<StepResult> perRate(List<StepResult> steps, Bounds bounds) {
    Map<Double, StepResult> byRate = new LinkedHashMap<>();
    for (StepResult s : steps) {
      StepResult earlier = byRate.get(s.rate());
      if (earlier == null || !earlier.passed(bounds)) {
        byRate.put(s.rate(), s);
      }
    }
    return List.copyOf(byRate.values());
  }

  private static int firstFailure(List<StepResult> done, Bounds bounds) {
    for (int i = 0; i < done.size(); i++) {
      if (!done.get(i).passed(bounds)) {
        return i;
      }
    }
    return -1;
  }

  /** The lowest failing rate; +infinity when none failed. */
  private static double lowestFailing(List<StepResult> done, Bounds bounds) {
    return done.stream()
        .filter(s -> !s.passed(bounds))
        .mapToDouble(StepResult::rate)
        .min()
        .orElse(Double.POSITIVE_INFINITY);
  }

  /** The highest passing rate below the lowest failing one. */
  private static OptionalDouble highestPassing(List<StepResult> done, Bounds bounds) {
    double ceiling = lowestFailing(done, bounds);
    return done.stream()
        .filter(s -> s.passed(bounds) && s.rate() < ceiling)
        .mapToDouble(StepResult::rate)
        .max();
  }
}
