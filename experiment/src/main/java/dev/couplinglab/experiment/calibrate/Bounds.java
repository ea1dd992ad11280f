package dev.couplinglab.experiment.calibrate;

import dev.couplinglab.experiment.model.DurationText;
import java.time.Duration;

/**
 * What a calibration step must stay within to pass: the sync answer p99 (PlaceOrder in the sync
 * style) and the async end-to-end p99 (accepted to final outcome).
 */
public record Bounds(Duration syncP99, Duration asyncEndToEndP99) {

  public static final Bounds DEFAULT = new Bounds(Duration.ofMillis(250), Duration.ofSeconds(1));

  public Bounds {
    if (syncP99.isNegative() || syncP99.isZero()) {
      throw new IllegalArgumentException("sync p99 bound must be positive, was " + syncP99);
    }
    if (asyncEndToEndP99.isNegative() || asyncEndToEndP99.isZero()) {
      throw new IllegalArgumentException(
          "async end-to-end p99 bound must be positive, was " + asyncEndToEndP99);
    }
  }

  /** {@code sync p99 <= 250ms, async end-to-end p99 <= 1s}. */
  public String describe() {
    return "sync p99 <= "
        + DurationText.format(syncP99)
        + ", async end-to-end p99 <= "
        + DurationText.format(asyncEndToEndP99);
  }
}
