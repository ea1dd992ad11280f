package dev.couplinglab.lab.target;

import dev.couplinglab.lab.LabException;
import java.util.Locale;

/** Where the cluster a command talks to runs: processes on this machine, or the compose project. */
public enum Target {
  LOCAL,
  COMPOSE;

  /** {@code local} or {@code compose}, any case; anything else is bad usage. */
  public static Target parse(String value, String where) {
    String wanted = value.trim().toLowerCase(Locale.ROOT);
    for (Target target : values()) {
      if (target.label().equals(wanted)) {
        return target;
      }
    }
    throw LabException.usage(where + " must be local or compose, was '" + value + "'");
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return label();
  }
}
