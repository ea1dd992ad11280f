package dev.couplinglab.experiment.timeline;

import dev.couplinglab.experiment.model.FaultStep;
import java.time.Duration;

/**
 * Makes and undoes faults on a real cluster. The lab implements it for its targets (local
 * processes, compose containers, the admin API); tests implement it in-process. Calls come from one
 * timeline thread, in time order; a call may block (a restart takes as long as it takes, and the
 * fault window records that).
 */
public interface FaultDriver {

  /**
   * Makes the fault. For instant kinds (restart, poison) the fault is complete when this returns
   * and {@link #undo} is never called. Throws when the fault could not be made: the run goes on and
   * the report shows the error.
   */
  FaultHandle apply(FaultStep step) throws Exception;

  /** Undoes a fault made by {@link #apply}: start, resume, heal or clear. */
  void undo(FaultHandle handle) throws Exception;

  /**
   * How long the command that applies or undoes {@code step} takes to act, as measured on this
   * target (a {@code docker} command takes seconds on a busy machine, a signal microseconds). The
   * timeline starts each command this much before its planned time, so that the fault takes effect
   * when the timeline says.
   */
  default Duration leadTime(FaultStep step) {
    return Duration.ZERO;
  }

  /** A driver for experiments without a timeline: refuses every step. */
  static FaultDriver none() {
    return new FaultDriver() {
      @Override
      public FaultHandle apply(FaultStep step) {
        throw new UnsupportedOperationException("no fault driver for " + step.describe());
      }

      @Override
      public void undo(FaultHandle handle) {}
    };
  }
}
