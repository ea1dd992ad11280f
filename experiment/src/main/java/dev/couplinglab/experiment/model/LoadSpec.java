package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.List;

/**
 * The open-loop load, the same for each style.
 *
 * @param rateSpec orders per second per style, or a share of the measured capacity, or phases of
 *     either
 * @param duration how long orders are sent
 * @param styles which styles run (both at once)
 * @param sku the SKU every order asks for
 * @param quantity items per order
 * @param deadline the client's deadline on each PlaceOrder call
 */
public record LoadSpec(
    Rate rateSpec,
    Duration duration,
    List<RunStyle> styles,
    String sku,
    int quantity,
    Duration deadline) {

  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  /** A load at a fixed rate. */
  public LoadSpec(
      double rate,
      Duration duration,
      List<RunStyle> styles,
      String sku,
      int quantity,
      Duration deadline) {
    this(new Rate.Fixed(rate), duration, styles, sku, quantity, deadline);
  }

  /**
   * Orders per second per style; for phases, the highest phase's.
   *
   * @throws IllegalStateException when the rate is a share of capacity not yet resolved
   */
  public double rate() {
    if (!rateSpec.needsCapacity()) {
      return rateSpec.resolve(Double.NaN);
    }
    throw new IllegalStateException(
        "load.rate " + rateSpec.text() + " is a share of capacity: resolve it before the load");
  }

  /** True when the rate changes over the run ({@code rate: {phases: [...]}}). */
  public boolean phased() {
    return rateSpec instanceof Rate.Phased;
  }

  /** The same load at another rate. */
  public LoadSpec withRate(Rate rate) {
    return new LoadSpec(rate, duration, styles, sku, quantity, deadline);
  }

  /** The same load for another duration (e.g. extended by the runner). */
  public LoadSpec withDuration(Duration other) {
    return new LoadSpec(rateSpec, other, styles, sku, quantity, deadline);
  }
}
