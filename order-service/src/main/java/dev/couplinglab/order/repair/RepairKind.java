package dev.couplinglab.order.repair;

/** What a repair owes: the downstream call that could not be made, idempotent by order id. */
public enum RepairKind {
  /** inventory-service Release of a FAILED sync order whose Reserve may have been applied. */
  RELEASE,
  /** notification-service Notify of a CONFIRMED or REJECTED sync order. */
  NOTIFY
}
