package dev.couplinglab.experiment.report;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.ExpectationCheck;
import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.Warmup;
import dev.couplinglab.experiment.ledger.LedgerResult;
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

/**
 * Results of any shape for the verdict tests: {@code seconds} s at {@code rate}/s per style, one
 * fault window (or none), each order made by a function of its style, index and intended time.
 */
public final class RunFixtures {

  public static final long MS = 1_000_000L;
  public static final long S = 1_000_000_000L;

  /** Makes the record of order {@code i}, due at {@code t} nanoseconds. */
  public interface Shape {
    OrderRecord order(RunStyle style, int i, long t);
  }

  private RunFixtures() {}

  public static LedgerResult cleanLedger() {
    return new LedgerResult(List.of(), 0, 0, 0, "", List.of(), List.of(), 0, 0);
  }

  /**
   * @param yaml the experiment file
   * @param faultFrom the fault window's start in seconds, or -1 for no fault
   * @param faultTo its end in seconds
   */
  public static ExperimentResult run(
      String yaml, double faultFrom, double faultTo, Shape sync, Shape async, LedgerResult ledger) {
    Experiment e = ExperimentParser.parse(yaml);
    List<FaultWindow> windows =
        faultFrom < 0
            ? List.of()
            : List.of(
                new FaultWindow(
                    e.timeline().get(0),
                    (long) (faultFrom * S),
                    (long) (faultTo * S),
                    Instant.parse("2026-11-27T08:00:03Z"),
                    Instant.parse("2026-11-27T08:00:06Z"),
                    "SIGKILL pid 42",
                    null));
    long loadEnd = e.load().duration().toNanos();
    int count = (int) Math.round(e.load().rate() * loadEnd / S);
    Map<RunStyle, StyleStats> styles = new LinkedHashMap<>();
    List<OrderRecord> all = new ArrayList<>();
    for (RunStyle style : List.of(RunStyle.SYNC, RunStyle.ASYNC)) {
      Shape shape = style == RunStyle.SYNC ? sync : async;
      List<OrderRecord> records = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        records.add(shape.order(style, i, (long) (i * S / e.load().rate())));
      }
      styles.put(style, StyleAggregator.aggregate(style, records, loadEnd, windows));
      all.addAll(records);
    }
    return new ExperimentResult(
        e,
        "r1",
        Instant.parse("2026-11-27T08:00:00Z"),
        Instant.parse("2026-11-27T08:00:12Z"),
        styles,
        windows,
        List.of(),
        ledger,
        "applied before the load",
        Optional.empty(),
        Optional.empty(),
        ExpectationCheck.evaluate(e.expectations(), styles, ledger),
        all,
        ReportFixtures.RATE_BASIS,
        Warmup.none());
  }

  /** Confirmed {@code ms} after it was due (async: accepted after 4 ms). */
  public static OrderRecord ok(RunStyle style, int i, long t, long ms) {
    long answer = style == RunStyle.SYNC ? t + ms * MS : t + 4 * MS;
    OrderState state = style == RunStyle.SYNC ? OrderState.CONFIRMED : OrderState.PENDING;
    return OrderRecord.of(style, i, t, t, answer, null, state, t + ms * MS, OrderState.CONFIRMED);
  }

  /** PlaceOrder failed with {@code code} {@code ms} after the order was due. */
  public static OrderRecord failed(RunStyle style, int i, long t, String code, long ms) {
    return OrderRecord.of(style, i, t, t, t + ms * MS, code, null, -1, null);
  }
}
