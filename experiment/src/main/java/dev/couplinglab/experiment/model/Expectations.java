package dev.couplinglab.experiment.model;

import java.time.Duration;

/**
 * What the author expects of the run; a null field is not checked (a null bound: the default of
 * {@code HealthBounds}).
 *
 * @param syncErrorsDuringFault true: sync must show errors for orders sent in a fault window;
 *     false: it must show none
 * @param asyncAcceptErrors the most async PlaceOrder errors allowed
 * @param ledgerClean true: the correctness ledger must be all zeros
 * @param healthySyncP99 outside the fault, the highest sync answer p99 of a healthy cluster
 * @param healthyAsyncP99 outside the fault, the highest async end-to-end p99 of a healthy cluster
 */
public record Expectations(
    Boolean syncErrorsDuringFault,
    Integer asyncAcceptErrors,
    Boolean ledgerClean,
    Duration healthySyncP99,
    Duration healthyAsyncP99) {

  /** Expectations with the default health bounds. */
  public Expectations(
      Boolean syncErrorsDuringFault, Integer asyncAcceptErrors, Boolean ledgerClean) {
    this(syncErrorsDuringFault, asyncAcceptErrors, ledgerClean, null, null);
  }

  public static Expectations none() {
    return new Expectations(null, null, null);
  }
}
