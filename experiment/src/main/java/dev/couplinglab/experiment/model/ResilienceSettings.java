package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.Locale;

/**
 * What order-service's sync chain should use during the run; recorded in the report and applied by
 * the lab through {@code ResilienceApplier}.
 *
 * @param deadline deadline of each downstream call (Reserve, Notify)
 * @param maxAttempts attempts per downstream call (retries only on UNAVAILABLE); 1 = no retry
 * @param circuitBreaker whether a circuit breaker guards each downstream service
 * @param bulkhead concurrent calls allowed per downstream service; 0 = unbounded
 * @param repair what the chain does with a Release or Notify it could not make
 * @param sharedEntryPool whether sync PlaceOrders run on the gRPC executor that async ones use
 *     ({@code entry_pool: shared}) instead of a pool of their own ({@code per-style}, the default)
 */
public record ResilienceSettings(
    Duration deadline,
    int maxAttempts,
    boolean circuitBreaker,
    int bulkhead,
    Repair repair,
    boolean sharedEntryPool) {

  /** The {@code repair} setting. */
  public enum Repair {
    /** One best-effort attempt: the naive chain. */
    NONE,
    /** Recorded with the order state and retried until acknowledged: order-service's default. */
    DURABLE;

    /** {@code none} or {@code durable}, as written in experiment files. */
    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** With order-service's default repair ({@code durable}) and entry pools ({@code per-style}). */
  public ResilienceSettings(
      Duration deadline, int maxAttempts, boolean circuitBreaker, int bulkhead) {
    this(deadline, maxAttempts, circuitBreaker, bulkhead, Repair.DURABLE, false);
  }

  public static ResilienceSettings defaults() {
    return new ResilienceSettings(Duration.ofMillis(2000), 1, false, 0, Repair.DURABLE, false);
  }
}
