package dev.couplinglab.experiment;

import dev.couplinglab.experiment.model.RunStyle;
import java.util.List;
import java.util.Map;

/**
 * A snapshot for a progress bar, sent about every 200 ms during the load and once per phase.
 *
 * @param elapsedMillis time since the load start
 * @param totalMillis the load duration
 * @param styles per style: sent, unanswered and failed PlaceOrder calls so far
 * @param activeFaults the faults in force now
 */
public record Progress(
    Phase phase,
    long elapsedMillis,
    long totalMillis,
    Map<RunStyle, StyleProgress> styles,
    List<String> activeFaults) {

  /** Where the run is. */
  public enum Phase {
    WARMUP,
    LOAD,
    RECOVERY,
    LEDGER,
    REPORT,
    DONE
  }

  /** One style's counters so far. */
  public record StyleProgress(int sent, int scheduled, int inFlight, int errors) {}

  /** Receives progress; must return quickly. */
  public interface Listener {
    void onProgress(Progress progress);

    static Listener none() {
      return p -> {};
    }
  }
}
