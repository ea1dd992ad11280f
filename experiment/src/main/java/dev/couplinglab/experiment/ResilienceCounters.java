package dev.couplinglab.experiment;

/**
 * What order-service's sync chain did to stay up during the run, when the lab can read it.
 *
 * @param retries downstream calls retried after UNAVAILABLE
 * @param shedByBreaker calls refused by an open circuit breaker
 * @param shedByBulkhead calls refused by a full bulkhead
 */
public record ResilienceCounters(long retries, long shedByBreaker, long shedByBulkhead) {

  public ResilienceCounters minus(ResilienceCounters before) {
    return new ResilienceCounters(
        retries - before.retries,
        shedByBreaker - before.shedByBreaker,
        shedByBulkhead - before.shedByBulkhead);
  }
}
