package dev.couplinglab.experiment;

/**
 * What order-service's sync chain did to stay up during the run, when the lab can read it.
 *
 * @param retries downstream calls retried after UNAVAILABLE
 * @param shedByBreaker calls refused by an open circuit breaker
 * @param shedByBulkhead calls refused by a full bulkhead
 * @param repairsRecorded Releases and Notifies the chain could not make and left to repair
 * @param repairsDone recorded repairs acknowledged by the downstream since
 * @param repairsPending repairs still owed (a level at the time of reading, not a delta)
 * @param longestRepairMs the longest time from an order state to its repair being done, since
 *     order-service started (not a delta: it may come from before the run)
 */
public record ResilienceCounters(
    long retries,
    long shedByBreaker,
    long shedByBulkhead,
    long repairsRecorded,
    long repairsDone,
    long repairsPending,
    long longestRepairMs) {

  /** Without repair counters (an order-service that does not report them). */
  public ResilienceCounters(long retries, long shedByBreaker, long shedByBulkhead) {
    this(retries, shedByBreaker, shedByBulkhead, 0, 0, 0, 0);
  }

  /**
   * The run's share: counts as deltas, pending and longest as read at the end. When a count went
   * down, order-service was restarted during the run (a kill or restart scenario) and counts from
   * zero again: the counts since that start are returned, the share before it is lost with the old
   * process.
   */
  public ResilienceCounters minus(ResilienceCounters before) {
    if (retries < before.retries
        || shedByBreaker < before.shedByBreaker
        || shedByBulkhead < before.shedByBulkhead
        || repairsRecorded < before.repairsRecorded
        || repairsDone < before.repairsDone) {
      return this;
    }
    return new ResilienceCounters(
        retries - before.retries,
        shedByBreaker - before.shedByBreaker,
        shedByBulkhead - before.shedByBulkhead,
        repairsRecorded - before.repairsRecorded,
        repairsDone - before.repairsDone,
        repairsPending,
        longestRepairMs);
  }
}
