package dev.couplinglab.lab.fault;

import java.util.Locale;

/** A fault the lab applies and can undo. */
public enum FaultKind {
  KILLED,
  STOPPED,
  PAUSED,
  PARTITIONED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
