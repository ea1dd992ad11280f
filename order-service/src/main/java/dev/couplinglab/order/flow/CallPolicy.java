package dev.couplinglab.order.flow;

import java.time.Duration;

/**
 * How the sync chain protects its calls to one downstream service: deadline, bounded retries on
 * UNAVAILABLE, and the optional circuit breaker and bulkhead. Changed at run time through
 * ResilienceService; the defaults are the behaviour order-service always had.
 *
 * @param inventoryDeadline the deadline of one Reserve or Release, retries included
 * @param notificationDeadline the deadline of one Notify, retries included
 * @param maxAttempts attempts per call (1 = no retry), only UNAVAILABLE is retried
 * @param backoff the first pause between attempts, doubled each time, jittered
 * @param breakerEnabled a circuit breaker per downstream service
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker
 * @param openDuration how long an open breaker fails calls fast before letting trial calls through
 * @param breakerWindowCalls the calls the failure rate is computed over (and the minimum needed)
 * @param bulkheadEnabled a bulkhead per downstream service
 * @param maxConcurrent calls in flight per downstream service when the bulkhead is on
 */
public record CallPolicy(
    Duration inventoryDeadline,
    Duration notificationDeadline,
    int maxAttempts,
    Duration backoff,
    boolean breakerEnabled,
    int failureRateThreshold,
    Duration openDuration,
    int breakerWindowCalls,
    boolean bulkheadEnabled,
    int maxConcurrent) {

  public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(50);

  /** Today's behaviour: the configured deadlines and attempts, no breaker, no bulkhead. */
  public static CallPolicy defaults(
      Duration inventoryDeadline, Duration notificationDeadline, int maxAttempts) {
    return new CallPolicy(
        inventoryDeadline,
        notificationDeadline,
        maxAttempts,
        DEFAULT_BACKOFF,
        false,
        50,
        Duration.ofSeconds(10),
        10,
        false,
        10);
  }

  Duration deadlineOf(Resilience.Target target) {
    return target == Resilience.Target.INVENTORY ? inventoryDeadline : notificationDeadline;
  }

  boolean sameBreakerAs(CallPolicy other) {
    return breakerEnabled == other.breakerEnabled
        && failureRateThreshold == other.failureRateThreshold
        && openDuration.equals(other.openDuration)
        && breakerWindowCalls == other.breakerWindowCalls;
  }

  boolean sameBulkheadAs(CallPolicy other) {
    return bulkheadEnabled == other.bulkheadEnabled && maxConcurrent == other.maxConcurrent;
  }
}
