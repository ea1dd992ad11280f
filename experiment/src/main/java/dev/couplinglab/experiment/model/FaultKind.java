package dev.couplinglab.experiment.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a timeline step does. Process and network kinds act on a process or container and are undone
 * at the end of the step's {@code for} (start, resume, heal); application kinds go through a
 * service's admin API and are cleared at the end of {@code for}. Restart and poison happen once.
 */
public enum FaultKind {
  KILL("kill", Layer.PROCESS),
  STOP("stop", Layer.PROCESS),
  PAUSE("pause", Layer.PROCESS),
  RESTART("restart", Layer.PROCESS),
  PARTITION("partition", Layer.NETWORK),
  LATENCY("latency", Layer.APPLICATION),
  ERROR("error", Layer.APPLICATION),
  SLOW_CONSUMER("slow-consumer", Layer.APPLICATION),
  STALL_CONSUMER("stall-consumer", Layer.APPLICATION),
  POISON("poison", Layer.APPLICATION),
  /**
   * Not a timeline step: a phase of {@code load.rate} marked {@code overload: true}, made by the
   * load itself and reported as a window like a fault's.
   */
  OVERLOAD("overload", Layer.LOAD);

  /** Where the fault is made. */
  public enum Layer {
    PROCESS,
    NETWORK,
    APPLICATION,
    /** Made by the load generator, not by a fault driver. */
    LOAD
  }

  private final String text;
  private final Layer layer;

  FaultKind(String text, Layer layer) {
    this.text = text;
    this.layer = layer;
  }

  /** The name used in experiment files. */
  public String text() {
    return text;
  }

  public Layer layer() {
    return layer;
  }

  /** True for kinds that happen once and have nothing to undo. */
  public boolean isInstant() {
    return this == RESTART || this == POISON;
  }

  /** A kind a timeline step may name (every kind but the load's own). */
  public static Optional<FaultKind> fromText(String text) {
    return Arrays.stream(values())
        .filter(k -> k.layer != Layer.LOAD && k.text.equals(text))
        .findFirst();
  }

  public static String allTexts() {
    return String.join(
        ", ",
        Arrays.stream(values()).filter(k -> k.layer != Layer.LOAD).map(FaultKind::text).toList());
  }
}
