package dev.couplinglab.platform.kafka;

/**
 * Thrown by an {@link EventHandler} when an event can never be processed (its content breaks a
 * rule). The consumer parks the record on the dead-letter topic and moves on.
 */
public final class PoisonEventException extends Exception {
  public PoisonEventException(String message) {
    super(message);
  }
}
