package dev.couplinglab.experiment;

import dev.couplinglab.experiment.model.ResilienceSettings;
import java.util.Optional;

/**
 * Sets order-service's sync-chain resilience (deadline, attempts, breaker, bulkhead) before the
 * load. The lab implements it with the admin API; {@link #recordOnly()} leaves the services as they
 * are and the report says so.
 */
public interface ResilienceApplier {

  void apply(ResilienceSettings settings) throws Exception;

  /** Cumulative counters now, if the implementation can read them; the run reports the delta. */
  default Optional<ResilienceCounters> counters() {
    return Optional.empty();
  }

  /** False when {@link #apply} does nothing. */
  default boolean applies() {
    return true;
  }

  static ResilienceApplier recordOnly() {
    return new ResilienceApplier() {
      @Override
      public void apply(ResilienceSettings settings) {}

      @Override
      public boolean applies() {
        return false;
      }
    };
  }
}
