package dev.couplinglab.lab;

/**
 * A failure the user can act on: printed as one line {@code error: <message>} (an inconclusive run:
 * {@code inconclusive: <message>}), then exit.
 */
public final class LabException extends RuntimeException {

  private final int exitCode;
  private final String label;

  private LabException(String message, int exitCode, String label) {
    super(message);
    this.exitCode = exitCode;
    this.label = label;
  }

  private LabException(String message, int exitCode) {
    this(message, exitCode, "error");
  }

  /** Something went wrong while doing what was asked (exit code 1). */
  public static LabException failure(String message) {
    return new LabException(message, 1);
  }

  /** The request itself was wrong, e.g. a bad port in an environment variable (exit code 2). */
  public static LabException usage(String message) {
    return new LabException(message, 2);
  }

  /**
   * The run finished but cannot be judged: the cluster was overloaded at the run's rate (exit code
   * 3).
   */
  public static LabException inconclusive(String message) {
    return new LabException(message, 3, "inconclusive");
  }

  /** The line printed on stderr: {@code error: <message>} or {@code inconclusive: <message>}. */
  public String line() {
    return label + ": " + getMessage();
  }

  public int exitCode() {
    return exitCode;
  }
}
