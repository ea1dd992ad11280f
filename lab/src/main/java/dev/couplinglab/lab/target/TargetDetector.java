package dev.couplinglab.lab.target;

import java.util.function.BooleanSupplier;

/**
 * Picks the target of a command: the one asked for, else {@code LAB_TARGET}, else local when the
 * local run folder has live processes of ours, else compose when the compose project has running
 * containers, else local. The probes are only asked when needed, in that order.
 */
public final class TargetDetector {

  private final BooleanSupplier localRunning;
  private final BooleanSupplier composeRunning;

  public TargetDetector(BooleanSupplier localRunning, BooleanSupplier composeRunning) {
    this.localRunning = localRunning;
    this.composeRunning = composeRunning;
  }

  /**
   * @param asked the command's {@code --target}, or null
   * @param envValue the value of {@code LAB_TARGET}, or null
   */
  public Target detect(Target asked, String envValue) {
    if (asked != null) {
      return asked;
    }
    if (envValue != null && !envValue.isBlank()) {
      return Target.parse(envValue, "LAB_TARGET");
    }
    if (localRunning.getAsBoolean()) {
      return Target.LOCAL;
    }
    return composeRunning.getAsBoolean() ? Target.COMPOSE : Target.LOCAL;
  }
}
