package dev.couplinglab.experiment;

import dev.couplinglab.experiment.model.DurationText;
import java.time.Duration;

/**
 * The load sent before a run's first second, not counted: the same orders at the same rate, so that
 * the client (a fresh JVM for every {@code lab experiment run}) and the services have compiled the
 * order paths before the run is timed. Without it, a run on two cores showed a p99 tail in its
 * first ten seconds that no fault caused.
 *
 * @param duration how long it lasted (zero: none)
 * @param sent orders sent, both styles together
 * @param failed PlaceOrder calls among them that did not succeed
 */
public record Warmup(Duration duration, int sent, int failed) {

  /** What the lab sends before every run unless told otherwise. */
  public static final Duration DEFAULT = Duration.ofSeconds(20);

  public static Warmup none() {
    return new Warmup(Duration.ZERO, 0, 0);
  }

  public boolean ran() {
    return !duration.isZero();
  }

  /** One sentence for the report. */
  public String describe() {
    if (!ran()) {
      return "No warm-up: the run's first seconds include the client's and the services' JIT"
          + " compilation.";
    }
    return "Before the first second, "
        + DurationText.format(duration)
        + " of the same load warmed the client and the cluster ("
        + sent
        + " orders, "
        + failed
        + (failed == 1 ? " call" : " calls")
        + " failed); they are not counted here.";
  }
}
