package dev.couplinglab.order.repair;

import java.util.Locale;

/** The {@code repair} resilience setting: what the sync chain does with work it could not do. */
public enum RepairMode {
  /** One best-effort attempt, as a naive chain does: a failed Release or Notify is lost. */
  NONE,
  /** Recorded with the order state that owes it and retried until the downstream acknowledges. */
  DURABLE;

  /** {@code none} or {@code durable}, as the lab and the experiment files spell it. */
  public String text() {
    return name().toLowerCase(Locale.ROOT);
  }
}
