package dev.couplinglab.experiment.calibrate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One calibration: the capacity per style found (empty when no step passed), how it was found, and
 * where and when.
 *
 * @param verdict one line: the capacity and why, or why there is none
 * @param target the cluster measured ({@code local}, {@code compose}, or an address)
 */
public record Calibration(
    OptionalDouble capacityPerStyle,
    String verdict,
    Bounds bounds,
    List<StepResult> steps,
    Duration stepDuration,
    String target,
    Machine machine,
    Instant measuredAt) {

  public Calibration {
    steps = List.copyOf(steps);
  }
}
