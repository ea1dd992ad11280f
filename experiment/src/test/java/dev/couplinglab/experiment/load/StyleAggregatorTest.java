package dev.couplinglab.experiment.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleAggregatorTest {

  private static final long MS = 1_000_000L;
  private static final long S = 1_000_000_000L;

  /** A sync order sent on time and answered after {@code latencyMs}. */
  private static OrderRecord syncOk(int seq, long intended, long latencyMs) {
    return OrderRecord.of(
        RunStyle.SYNC,
        seq,
        intended,
        intended,
        intended + latencyMs * MS,
        null,
        OrderState.CONFIRMED,
        intended + latencyMs * MS,
        OrderState.CONFIRMED);
  }

  private static OrderRecord syncError(int seq, long intended, long latencyMs, String code) {
    return OrderRecord.of(
        RunStyle.SYNC, seq, intended, intended, intended + latencyMs * MS, code, null, -1, null);
  }

  private static FaultWindow window(long from, long to) {
    FaultStep step =
        new FaultStep(
            Duration.ofNanos(from),
            FaultKind.KILL,
            "inventory-service",
            Duration.ofNanos(to - from),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new FaultWindow(step, from, to, Instant.EPOCH, Instant.EPOCH, "", null);
  }

  @Test
  void measuresLatencyFromTheIntendedTimeNotTheSendTime() {
    // Sent 900 ms late (a stalled sender), answered 100 ms after sending: 1000 ms from intended.
    OrderRecord late =
        OrderRecord.of(
            RunStyle.SYNC,
            0,
            0,
            900 * MS,
            1000 * MS,
            null,
            OrderState.CONFIRMED,
            1000 * MS,
            OrderState.CONFIRMED);

    StyleStats stats = StyleAggregator.aggregate(RunStyle.SYNC, List.of(late), S, List.of());

    assertThat(stats.accept().p50Micros())
        .as("accept latency in µs")
        .isBetween(999_000L, 1_001_000L);
    assertThat(stats.endToEnd().maxMicros()).isBetween(999_000L, 1_001_000L);
  }

  @Test
  void countsOutcomesErrorsAndPercentiles() {
    List<OrderRecord> records = new ArrayList<>();
    for (int i = 0; i < 98; i++) {
      records.add(syncOk(i, i * 10 * MS, 10));
    }
    records.add(syncOk(98, 980 * MS, 500));
    records.add(syncError(99, 990 * MS, 2000, "UNAVAILABLE"));

    StyleStats stats = StyleAggregator.aggregate(RunStyle.SYNC, records, S, List.of());

    assertThat(stats.sent()).isEqualTo(100);
    assertThat(stats.accepted()).isEqualTo(99);
    assertThat(stats.confirmed()).isEqualTo(99);
    assertThat(stats.errorsByStatus()).isEqualTo(Map.of("UNAVAILABLE", 1L));
    assertThat(stats.accept().p50Micros()).as("p50 10 ms").isBetween(9_990L, 10_010L);
    assertThat(stats.accept().p99Micros())
        .as("p99 of 99 answers is the 500 ms one")
        .isBetween(499_000L, 501_000L);
    assertThat(stats.accept().maxMicros()).isBetween(499_000L, 501_000L);
    assertThat(stats.recovery().state()).isEqualTo(RecoveryTime.State.NO_FAULT);
  }

  @Test
  void buildsOneSeriesPointPerSecondWithThroughputErrorsAndInFlight() {
    List<OrderRecord> records =
        List.of(
            syncOk(0, 0, 100), // answered in second 0
            syncOk(1, 500 * MS, 700), // answered at 1.2 s: completion in second 1
            syncError(2, 1100 * MS, 1500, "DEADLINE_EXCEEDED"), // error at 2.6 s
            syncOk(3, 1150 * MS, 50)); // answered at 1.2 s too

    List<SecondPoint> series = StyleAggregator.series(records, 2 * S);

    assertThat(series).hasSize(3);
    assertThat(series.get(0).sent()).isEqualTo(2);
    assertThat(series.get(0).completions()).isEqualTo(1);
    assertThat(series.get(1).sent()).isEqualTo(2);
    assertThat(series.get(1).completions()).as("the two answers at 1.2 s").isEqualTo(2);
    assertThat(series.get(2).errors()).isEqualTo(1);
    assertThat(series.get(0).peakInFlight()).as("0-0.1 s one, 0.5 s one").isEqualTo(1);
    assertThat(series.get(1).peakInFlight())
        .as("just before 1.2 s: orders 1, 2 and 3 are unanswered")
        .isEqualTo(3);
    assertThat(series.get(1).acceptP99Micros())
        .as("only order 3 was accepted of those sent in second 1")
        .isBetween(49_000L, 51_000L);
    assertThat(series.get(2).acceptP99Micros()).as("nothing sent in second 2").isEqualTo(-1);
  }

  @Test
  void timeToRecoverRunsFromTheEndOfTheLastFaultWindow() {
    FaultWindow fault = window(1 * S, 3 * S);
    List<OrderRecord> sync =
        List.of(
            syncError(0, 1500 * MS, 10, "UNAVAILABLE"),
            syncOk(1, 3100 * MS, 150), // first success after the fault: 3.25 s
            syncOk(2, 3500 * MS, 10));
    OrderRecord asyncLate =
        OrderRecord.of(
            RunStyle.ASYNC,
            0,
            2 * S,
            2 * S,
            2 * S + 5 * MS,
            null,
            OrderState.PENDING,
            4 * S,
            OrderState.CONFIRMED);
    OrderRecord asyncOpen =
        OrderRecord.of(
            RunStyle.ASYNC, 1, 2 * S, 2 * S, 2 * S + 5 * MS, null, OrderState.PENDING, -1, null);

    StyleStats syncStats = StyleAggregator.aggregate(RunStyle.SYNC, sync, 4 * S, List.of(fault));
    StyleStats recovered =
        StyleAggregator.aggregate(RunStyle.ASYNC, List.of(asyncLate), 4 * S, List.of(fault));
    StyleStats stuck =
        StyleAggregator.aggregate(
            RunStyle.ASYNC, List.of(asyncLate, asyncOpen), 4 * S, List.of(fault));

    assertThat(syncStats.recovery()).isEqualTo(new RecoveryTime(RecoveryTime.State.RECOVERED, 250));
    assertThat(syncStats.errorsDuringFault()).isEqualTo(1);
    assertThat(syncStats.peakInFlightDuringFault()).isEqualTo(1);
    assertThat(recovered.recovery())
        .as("last async final at 4 s")
        .isEqualTo(new RecoveryTime(RecoveryTime.State.RECOVERED, 1000));
    assertThat(stuck.recovery().state()).isEqualTo(RecoveryTime.State.NOT_RECOVERED);
    assertThat(stuck.notFinal()).isEqualTo(1);
  }
}
