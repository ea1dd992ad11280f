package dev.couplinglab.experiment.load;

/**
 * Time from the end of the last fault window until the style recovered: for async, until the last
 * order accepted before the fault ended became final (the backlog cleared); for sync, until the
 * first successful answer after the fault.
 *
 * @param state {@code NO_FAULT}, {@code RECOVERED} or {@code NOT_RECOVERED}
 * @param millis the time, when RECOVERED
 */
public record RecoveryTime(State state, long millis) {

  /** Whether there was something to recover from, and whether it happened. */
  public enum State {
    NO_FAULT,
    RECOVERED,
    NOT_RECOVERED
  }

  public static RecoveryTime noFault() {
    return new RecoveryTime(State.NO_FAULT, 0);
  }

  public static RecoveryTime after(long nanos) {
    return new RecoveryTime(State.RECOVERED, Math.max(0, nanos) / 1_000_000);
  }

  public static RecoveryTime never() {
    return new RecoveryTime(State.NOT_RECOVERED, 0);
  }

  public String text() {
    return switch (state) {
      case NO_FAULT -> "n/a (no fault)";
      case RECOVERED -> millis + " ms";
      case NOT_RECOVERED -> "not recovered";
    };
  }
}
