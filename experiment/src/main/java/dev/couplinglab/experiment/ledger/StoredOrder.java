package dev.couplinglab.experiment.ledger;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.model.RunStyle;

/**
 * One order of the run as the services store it after recovery.
 *
 * @param state the stored state; null when order-service has no such order
 * @param clientAccepted whether PlaceOrder answered with an order
 * @param clientError the status code the client got instead, or null
 * @param notifications notifications recorded for the order; -1 when not read (not final)
 */
public record StoredOrder(
    String orderId,
    RunStyle style,
    OrderState state,
    int quantity,
    boolean clientAccepted,
    String clientError,
    int notifications) {

  public boolean isOutcome() {
    return state == OrderState.CONFIRMED || state == OrderState.REJECTED;
  }
}
