package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.List;

/**
 * The open-loop load, the same for each style.
 *
 * @param rate orders per second per style
 * @param duration how long orders are sent
 * @param styles which styles run (both at once)
 * @param sku the SKU every order asks for
 * @param quantity items per order
 * @param deadline the client's deadline on each PlaceOrder call
 */
public record LoadSpec(
    double rate,
    Duration duration,
    List<RunStyle> styles,
    String sku,
    int quantity,
    Duration deadline) {

  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  public LoadSpec withDuration(Duration other) {
    return new LoadSpec(rate, other, styles, sku, quantity, deadline);
  }
}
