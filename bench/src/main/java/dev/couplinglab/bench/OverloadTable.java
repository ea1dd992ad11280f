package dev.couplinglab.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the overload rows ({@link OverloadRun}) as a table, and as JSON. */
final class OverloadTable {

  private OverloadTable() {}

  static void print(List<OverloadRun.Result> results, PrintStream out) {
    if (results.isEmpty()) {
      return;
    }
    OverloadRun.Result first = results.get(0);
    out.println();
    out.printf(
        Locale.ROOT,
        "OVERLOAD: %d/s per style for %.0f s, then %d/s (recovery watched for %.0f s); client"
            + " deadline %d ms; each setting on a fresh cluster warmed alike%n",
        first.overloadRate(),
        first.overloadSeconds(),
        first.recoveryRate(),
        first.recoveryWindowSeconds(),
        OverloadRun.DEADLINE.toMillis());
    out.printf(
        "%-22s %-6s %7s %7s %7s %7s %7s %10s %10s %10s %10s %10s%n",
        "SETTING",
        "STYLE",
        "ORDERS",
        "OK",
        "EXHAUST",
        "DEADLN",
        "OTHER",
        "ANSWER P50",
        "ANSWER P99",
        "OK P50",
        "OK P99",
        "RECOVERED");
    for (OverloadRun.Result r : results) {
      for (OverloadRun.StyleRow row : r.styles()) {
        out.printf(
            Locale.ROOT,
            "%-22s %-6s %7d %6.1f%% %6.1f%% %6.1f%% %6.1f%% %10s %10s %10s %10s %10s%n",
            r.shedding().name(),
            row.style().text(),
            row.orders(),
            row.share(row.ok()),
            row.share(row.exhausted()),
            row.share(row.deadlineExceeded()),
            row.share(row.other()),
            ResultTable.ms(row.answers().p50()),
            ResultTable.ms(row.answers().p99()),
            ResultTable.ms(row.okAnswers().p50()),
            ResultTable.ms(row.okAnswers().p99()),
            recovered(row.recoveredSeconds(), r.recoveryWindowSeconds()));
      }
    }
    out.println(
        "(shares of the overload's orders: OK, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, other; ANSWER:"
            + " every answer, errors included, from the intended send time; RECOVERED: from the"
            + " drop until every later 1-s slice was all OK with p99 under the sync bound)");
  }

  static String recovered(double seconds, double window) {
    return Double.isNaN(seconds)
        ? String.format(Locale.ROOT, "not in %.0f s", window)
        : String.format(Locale.ROOT, "%.0f s", seconds);
  }

  static JsonArray toJson(List<OverloadRun.Result> results) {
    JsonArray array = new JsonArray();
    for (OverloadRun.Result r : results) {
      JsonObject o = new JsonObject();
      o.addProperty("setting", r.shedding().name());
      o.addProperty("grpcQueueLimitMs", r.shedding().queueLimitMs());
      o.addProperty("overloadRatePerStyle", r.overloadRate());
      o.addProperty("overloadSeconds", r.overloadSeconds());
      o.addProperty("recoveryRatePerStyle", r.recoveryRate());
      o.addProperty("recoveryWindowSeconds", r.recoveryWindowSeconds());
      o.addProperty("clientDeadlineMillis", OverloadRun.DEADLINE.toMillis());
      JsonObject styles = new JsonObject();
      for (OverloadRun.StyleRow row : r.styles()) {
        JsonObject s = new JsonObject();
        s.addProperty("orders", row.orders());
        s.addProperty("ok", row.ok());
        s.addProperty("resourceExhausted", row.exhausted());
        s.addProperty("deadlineExceeded", row.deadlineExceeded());
        s.addProperty("other", row.other());
        s.add("answers", ResultJson.latency(row.answers()));
        s.add("okAnswers", ResultJson.latency(row.okAnswers()));
        if (!Double.isNaN(row.recoveredSeconds())) {
          s.addProperty("recoveredSeconds", row.recoveredSeconds());
        }
        styles.add(row.style().text(), s);
      }
      o.add("styles", styles);
      array.add(o);
    }
    return array;
  }
}
