package dev.couplinglab.experiment.report;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.ExpectationCheck;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.ResilienceCounters;
import dev.couplinglab.experiment.Warmup;
import dev.couplinglab.experiment.ledger.Ledger;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.ledger.StoredOrder;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.load.StyleAggregator;
import dev.couplinglab.experiment.load.StyleStats;
import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A fixed result: 10 s at 10/s per style, inventory killed from 3 s to 6 s. Sync answers in 20 ms
 * outside the fault and fails UNAVAILABLE in 5 ms inside it; async is accepted in 4 ms always and
 * confirmed 30 ms later, or at 6.5 s for orders sent during the fault.
 */
final class ReportFixtures {

  static final long MS = 1_000_000L;
  static final long S = 1_000_000_000L;

  /** 10/s asked as a third of a measured 30/s. */
  static final RateBasis RATE_BASIS =
      new RateBasis(
          10,
          "33.3% from the experiment file",
          OptionalDouble.of(30),
          "run/capacity.json, local cluster, calibrated 2026-11-27T07:00:00Z",
          "Test CPU, 2 cores @ 2600 MHz");

  private ReportFixtures() {}

  static ExperimentResult result(boolean expectSyncErrors) {
    Experiment e =
        ExperimentParser.parse(
            """
            name: inventory-down
            description: Inventory is killed for 3 s.
            load: {rate: 10, duration: 10s}
            timeline:
              - {at: 3s, fault: kill, target: inventory-service, for: 3s}
            expectations: {sync_errors_during_fault: %s, async_accept_errors: 0, ledger_clean: true}
            """
                .formatted(expectSyncErrors));
    List<OrderRecord> sync = new ArrayList<>();
    List<OrderRecord> async = new ArrayList<>();
    List<StoredOrder> stored = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      long t = i * 100 * MS;
      boolean down = t >= 3 * S && t < 6 * S;
      sync.add(
          down
              ? OrderRecord.of(RunStyle.SYNC, i, t, t, t + 5 * MS, "UNAVAILABLE", null, -1, null)
              : OrderRecord.of(
                  RunStyle.SYNC,
                  i,
                  t,
                  t,
                  t + 20 * MS,
                  null,
                  OrderState.CONFIRMED,
                  t + 20 * MS,
                  OrderState.CONFIRMED));
      long done = down ? 6500 * MS : t + 34 * MS;
      async.add(
          OrderRecord.of(
              RunStyle.ASYNC,
              i,
              t,
              t,
              t + 4 * MS,
              null,
              OrderState.PENDING,
              done,
              OrderState.CONFIRMED));
      stored.add(
          new StoredOrder(
              "sync-" + i,
              RunStyle.SYNC,
              down ? OrderState.FAILED : OrderState.CONFIRMED,
              1,
              !down,
              down ? "UNAVAILABLE" : null,
              down ? -1 : 1));
      stored.add(
          new StoredOrder("async-" + i, RunStyle.ASYNC, OrderState.CONFIRMED, 1, true, null, 1));
    }
    FaultWindow window =
        new FaultWindow(
            e.timeline().get(0),
            3 * S,
            6 * S,
            Instant.parse("2026-11-27T08:00:03Z"),
            Instant.parse("2026-11-27T08:00:06Z"),
            "SIGKILL pid 42",
            null);
    Map<RunStyle, StyleStats> styles = new LinkedHashMap<>();
    styles.put(
        RunStyle.SYNC, StyleAggregator.aggregate(RunStyle.SYNC, sync, 10 * S, List.of(window)));
    styles.put(
        RunStyle.ASYNC, StyleAggregator.aggregate(RunStyle.ASYNC, async, 10 * S, List.of(window)));
    LedgerResult ledger = Ledger.compute(stored, 1000, 1170);
    List<OrderRecord> all = new ArrayList<>(sync);
    all.addAll(async);
    return new ExperimentResult(
        e,
        "r1",
        Instant.parse("2026-11-27T08:00:00Z"),
        Instant.parse("2026-11-27T08:00:12Z"),
        styles,
        List.of(window),
        List.of(),
        ledger,
        "applied before the load",
        Optional.of(new ResilienceCounters(0, 0, 0)),
        Optional.empty(),
        ExpectationCheck.evaluate(e.expectations(), styles, ledger),
        all,
        RATE_BASIS,
        Warmup.none());
  }
}
