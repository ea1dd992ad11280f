package dev.couplinglab.experiment.model;

import java.time.Duration;

/**
 * What order-service's sync chain should use during the run; recorded in the report and applied by
 * the lab through {@code ResilienceApplier}.
 *
 * @param deadline deadline of each downstream call (Reserve, Notify)
 * @param maxAttempts attempts per downstream call (retries only on UNAVAILABLE); 1 = no retry
 * @param circuitBreaker whether a circuit breaker guards each downstream service
 * @param bulkhead concurrent calls allowed per downstream service; 0 = unbounded
 * @param sharedEntryPool whether sync PlaceOrders run on the gRPC executor that async ones use
 *     ({@code entry_pool: shared}) instead of a pool of their own ({@code per-style}, the default)
 */
public record ResilienceSettings(
    Duration deadline,
    int maxAttempts,
    boolean circuitBreaker,
    int bulkhead,
    boolean sharedEntryPool) {

  public static ResilienceSettings defaults() {
    return new ResilienceSettings(Duration.ofMillis(2000), 1, false, 0, false);
  }
}
