package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.ledger.LedgerResult;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The report's correctness ledger: the counts, then each kind of finding named once with how many
 * orders it concerns and a few of their ids (data.json lists them all).
 */
final class LedgerSection {

  /** Order ids shown per kind of finding. */
  static final int EXAMPLES = 5;

  private LedgerSection() {}

  static void render(StringBuilder md, LedgerResult l) {
    render(md, l, "");
  }

  /**
   * @param cleanWhen after "Clean: every count is 0.", when it was first read clean (or empty)
   */
  static void render(StringBuilder md, LedgerResult l, String cleanWhen) {
    md.append("\n## Correctness ledger\n\n")
        .append(
            l.clean()
                ? "Clean: every count is 0." + (cleanWhen.isEmpty() ? "" : " " + cleanWhen) + "\n\n"
                : "**Not clean.**\n\n")
        .append("| check | count |\n| --- | --- |\n")
        .append("| orders accepted but never final | ")
        .append(l.neverFinal().size())
        .append(" |\n| units reserved beyond confirmed orders | ")
        .append(l.stockMismatch())
        .append(" |\n| notifications missing | ")
        .append(l.missingNotifications().size())
        .append(" |\n| notifications doubled | ")
        .append(l.doubledNotifications().size())
        .append(" |\n\nStock: reserved went from ")
        .append(l.reservedBefore())
        .append(" to ")
        .append(l.reservedAfter())
        .append(" (+")
        .append(l.reservedDelta())
        .append("); confirmed orders of this run hold ")
        .append(l.confirmedQuantity())
        .append(".")
        .append(l.stockExplanation().isEmpty() ? "" : " " + l.stockExplanation() + ".")
        .append(" Sync orders FAILED (reservation released by compensation if it had landed): ")
        .append(l.syncFailed())
        .append(".\n");
    findings(md, "Accepted but never final", l.neverFinal());
    findings(md, "Notifications missing", l.missingNotifications());
    findings(md, "Notifications doubled", l.doubledNotifications());
  }

  /**
   * How long after the last fault ended (or the load, with no fault) the ledger was first read
   * clean, in seconds; empty when it was not clean or the time is not known.
   */
  static OptionalDouble secondsToClean(ExperimentResult r) {
    long clean = r.ledger().cleanAtNanos();
    if (clean < 0) {
      return OptionalDouble.empty();
    }
    long from =
        r.windows().stream()
            .mapToLong(FaultWindow::endNanos)
            .max()
            .orElse(r.experiment().load().duration().toNanos());
    return OptionalDouble.of(Math.max(0, clean - from) / 1e9);
  }

  /** "Read clean 12.3 s after the last fault ended (...)", or empty. */
  static String cleanWhen(ExperimentResult r) {
    OptionalDouble s = secondsToClean(r);
    if (s.isEmpty()) {
      return "";
    }
    return String.format(
        Locale.ROOT,
        "First read clean %.1f s after %s ended (the ledger is first read once every order is"
            + " final or the recovery timeout has passed).",
        s.getAsDouble(),
        r.windows().isEmpty() ? "the load" : "the last fault");
  }

  /** One line per kind of finding: "kind: N order(s), e.g. `a`, `b` (and N more in data.json)". */
  static void findings(StringBuilder md, String title, List<String> entries) {
    if (entries.isEmpty()) {
      return;
    }
    md.append("\n").append(title).append(" (").append(entries.size()).append("):\n\n");
    for (Map.Entry<String, List<String>> kind : byKind(entries).entrySet()) {
      List<String> ids = kind.getValue();
      md.append("- ")
          .append(kind.getKey())
          .append(": ")
          .append(ids.size())
          .append(ids.size() == 1 ? " order, " : " orders, ")
          .append(ids.size() > EXAMPLES ? "e.g. " : "");
      List<String> shown = new ArrayList<>();
      ids.stream().limit(EXAMPLES).forEach(id -> shown.add("`" + id + "`"));
      md.append(String.join(", ", shown));
      if (ids.size() > EXAMPLES) {
        md.append(" and ").append(ids.size() - EXAMPLES).append(" more (all in data.json)");
      }
      md.append('\n');
    }
  }

  /** Entries read "id (kind)"; groups the ids by kind, the most frequent kind first. */
  static Map<String, List<String>> byKind(List<String> entries) {
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    for (String e : entries) {
      int open = e.indexOf(" (");
      boolean tagged = open > 0 && e.endsWith(")");
      String id = tagged ? e.substring(0, open) : e;
      String kind = tagged ? e.substring(open + 2, e.length() - 1) : "unexplained";
      kinds.computeIfAbsent(kind, k -> new ArrayList<>()).add(id);
    }
    Map<String, List<String>> sorted = new LinkedHashMap<>();
    kinds.entrySet().stream()
        .sorted((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()))
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }
}
