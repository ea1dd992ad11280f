package dev.couplinglab.experiment.load;

import dev.couplinglab.experiment.model.RunStyle;
import java.util.List;
import java.util.Map;

/**
 * What one style did in one run, as the client saw it.
 *
 * @param accepted PlaceOrder answered with an order (for sync that includes REJECTED answers)
 * @param confirmed orders the client saw CONFIRMED (answer, watch or poll)
 * @param rejectedByReason orders the client saw REJECTED, by reason
 * @param errorsByStatus failed PlaceOrder calls by gRPC status code
 * @param errorsDuringFault failed PlaceOrder calls sent or answered inside a fault window
 * @param completionsAfterLoad final states reached after the last order was sent
 * @param notFinal accepted orders whose final state the client never saw
 * @param peakInFlightDuringFault peak unanswered PlaceOrder calls in the seconds of a fault window
 * @param recovery time to recover, see {@link RecoveryTime}
 */
public record StyleStats(
    RunStyle style,
    long sent,
    long accepted,
    long confirmed,
    Map<String, Long> rejectedByReason,
    Map<String, Long> errorsByStatus,
    long errorsDuringFault,
    LatencySummary accept,
    LatencySummary endToEnd,
    long completionsAfterLoad,
    long notFinal,
    int peakInFlight,
    int peakInFlightDuringFault,
    RecoveryTime recovery,
    List<SecondPoint> series) {

  public long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  public long errors() {
    return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
  }
}
