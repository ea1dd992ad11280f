package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.List;

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
 * @param statusDuringFault how the calls due in the fault windows ended, by status (empty: none)
 * @param recoveredWithin the longest time to recover allowed, for every style
 */
public record Expectations(
    Boolean syncErrorsDuringFault,
    Integer asyncAcceptErrors,
    Boolean ledgerClean,
    Duration healthySyncP99,
    Duration healthyAsyncP99,
    List<StatusShare> statusDuringFault,
    Duration recoveredWithin) {

  public Expectations {
    statusDuringFault = statusDuringFault == null ? List.of() : List.copyOf(statusDuringFault);
  }

  /** Expectations with no status share and no recovery bound. */
  public Expectations(
      Boolean syncErrorsDuringFault,
      Integer asyncAcceptErrors,
      Boolean ledgerClean,
      Duration healthySyncP99,
      Duration healthyAsyncP99) {
    this(
        syncErrorsDuringFault,
        asyncAcceptErrors,
        ledgerClean,
        healthySyncP99,
        healthyAsyncP99,
        List.of(),
        null);
  }

  /** Expectations with the default health bounds. */
  public Expectations(
      Boolean syncErrorsDuringFault, Integer asyncAcceptErrors, Boolean ledgerClean) {
    this(syncErrorsDuringFault, asyncAcceptErrors, ledgerClean, null, null);
  }

  public static Expectations none() {
    return new Expectations(null, null, null);
  }
}
