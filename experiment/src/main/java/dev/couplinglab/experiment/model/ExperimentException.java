package dev.couplinglab.experiment.model;

/** A bad experiment file: the message is one line that names the field and what it expected. */
public final class ExperimentException extends RuntimeException {

  public ExperimentException(String message) {
    super(message);
  }
}
