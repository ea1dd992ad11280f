package dev.couplinglab.experiment.health;

import java.util.List;

/**
 * Whether the cluster coped with the run's rate outside the fault: every style healthy in every
 * stretch before the fault and after its recovery (the whole run when there was no fault). An
 * overloaded run cannot say anything about coupling, since every figure is the queue's.
 *
 * @param rate the run's rate per style, orders/s
 * @param windows one entry per style and stretch that had orders due
 * @param bounds the bounds the stretches were held to
 */
public record RunHealth(double rate, List<WindowHealth> windows, HealthBounds bounds) {

  public boolean overloaded() {
    return windows.stream().anyMatch(w -> !w.healthy());
  }

  public List<WindowHealth> unhealthy() {
    return windows.stream().filter(w -> !w.healthy()).toList();
  }

  /**
   * A rate that would fit, estimated from this run: the rate times the smallest {@link
   * WindowHealth#fitFactor()} of the unhealthy stretches, rounded down to a whole order/s (0 when
   * the estimate is below 1/s). Near saturation, latency grows faster than linearly with the rate,
   * so this linear estimate errs low: a starting point to confirm with one run at it, not a
   * measurement.
   */
  public long fittingRate() {
    double factor = windows.stream().mapToDouble(WindowHealth::fitFactor).min().orElse(1);
    return (long) Math.floor(rate * factor);
  }
}
