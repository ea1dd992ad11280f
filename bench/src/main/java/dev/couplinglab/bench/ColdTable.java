package dev.couplinglab.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the cold part of a run: each rate's first load on a fresh cluster, slice by slice. */
final class ColdTable {

  private ColdTable() {}

  static void print(ColdRun.Cold run, PrintStream out) {
    List<ColdRun.Result> cold = run.rates();
    if (cold.isEmpty()) {
      return;
    }
    long seconds = Math.round(cold.get(0).step().seconds());
    out.printf("%nCOLD: first %d s after start-up%n", seconds);
    out.printf(
        Locale.ROOT,
        "First start (no class-data archives yet, as a user's first lab up): healthy in %.1f s;"
            + " it recorded%nthe archives that every later start maps.%n",
        run.firstStartToHealthySeconds());
    out.printf(
        "Each rate on a freshly started cluster: Kafka and the three services started, healthy,"
            + " then both%nstyles at that rate per style at once for %d s. The benchmark's own JVM"
            + " (every client) is not%nrestarted: it is cold for the first rate only. Latencies"
            + " by the send time's slice.%n%n",
        seconds);
    out.printf(
        "%-10s %-10s %10s %10s %10s %10s %7s %7s%n",
        "RATE", "SENT AT", "SYNC P50", "SYNC P99", "E2E P50", "E2E P99", "N SYNC", "ERRORS");
    for (ColdRun.Result r : cold) {
      String rate = r.ratePerStyle() + "/s";
      for (Slices.Slice s : r.step().slices()) {
        String when = String.format(Locale.ROOT, "%.0f-%.0f s", s.fromSeconds(), s.toSeconds());
        row(out, rate, when, s.sync(), s.asyncEndToEnd(), errorCount(s));
        rate = "";
      }
      LoadStep.Result step = r.step();
      row(out, rate, "all", step.sync(), step.asyncEndToEnd(), step.errorCount());
      out.printf(
          Locale.ROOT,
          "  %d/s: healthy %.1f s after launch; errors by status: %s%n",
          r.ratePerStyle(),
          r.startToHealthySeconds(),
          step.errors().isEmpty() ? "none" : step.errors());
    }
  }

  private static void row(
      PrintStream out, String rate, String when, Latency sync, Latency e2e, long errors) {
    out.printf(
        "%-10s %-10s %10s %10s %10s %10s %7d %7d%n",
        rate,
        when,
        ResultTable.ms(sync.p50()),
        ResultTable.ms(sync.p99()),
        ResultTable.ms(e2e.p50()),
        ResultTable.ms(e2e.p99()),
        sync.count(),
        errors);
  }

  private static long errorCount(Slices.Slice s) {
    return s.errors().values().stream().mapToLong(Long::longValue).sum();
  }
}
