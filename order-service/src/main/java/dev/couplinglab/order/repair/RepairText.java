package dev.couplinglab.order.repair;

import io.grpc.Status;

/** How repair log lines name calls and failures. */
public final class RepairText {

  private RepairText() {}

  /** E.g. "inventory-service Release". */
  public static String call(RepairKind kind) {
    return switch (kind) {
      case RELEASE -> "inventory-service Release";
      case NOTIFY -> "notification-service Notify";
    };
  }

  /** E.g. "UNAVAILABLE: io exception". */
  public static String describe(Status status) {
    return status.getDescription() == null
        ? status.getCode().toString()
        : status.getCode() + ": " + status.getDescription();
  }
}
