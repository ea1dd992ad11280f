package dev.couplinglab.lab;

/** A failure the user can act on: printed as one line {@code error: <message>}, then exit. */
public final class LabException extends RuntimeException {

  private final int exitCode;

  private LabException(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** Something went wrong while doing what was asked (exit code 1). */
  public static LabException failure(String message) {
    return new LabException(message, 1);
  }

  /** The request itself was wrong, e.g. a bad port in an environment variable (exit code 2). */
  public static LabException usage(String message) {
    return new LabException(message, 2);
  }

  public int exitCode() {
    return exitCode;
  }
}
