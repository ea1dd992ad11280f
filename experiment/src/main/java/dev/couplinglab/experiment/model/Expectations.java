package dev.couplinglab.experiment.model;

/**
 * What the author expects of the run; a null field is not checked.
 *
 * @param syncErrorsDuringFault true: sync must show errors for orders sent in a fault window;
 *     false: it must show none
 * @param asyncAcceptErrors the most async PlaceOrder errors allowed
 * @param ledgerClean true: the correctness ledger must be all zeros
 */
public record Expectations(
    Boolean syncErrorsDuringFault, Integer asyncAcceptErrors, Boolean ledgerClean) {

  public static Expectations none() {
    return new Expectations(null, null, null);
  }
}
