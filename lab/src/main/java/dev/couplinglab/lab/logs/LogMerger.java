package dev.couplinglab.lab.logs;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gathers one order's log lines from several services' logs into one story, in time order. A log
 * line starts with an ISO-8601 UTC timestamp; lines without one (stack traces) belong to the line
 * before. Equal timestamps keep the order of the sources, then of the lines.
 */
public final class LogMerger {

  private static final Pattern TIMESTAMP =
      Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?Z)(?:\\s|$)");

  private LogMerger() {}

  /** The lines of one log file, under a name for the caller's use. */
  public record Source(String name, List<String> lines) {}

  /** One log event: a timestamped line and the continuation lines that follow it. */
  record Entry(Instant timestamp, List<String> lines) {
    String head() {
      return lines.get(0);
    }
  }

  /** Every entry whose first line carries {@code orderId=<orderId>} as a whole token. */
  public static List<String> linesForOrder(List<Source> sources, String orderId) {
    Pattern token = Pattern.compile("(?:^|\\s)orderId=" + Pattern.quote(orderId) + "(?:\\s|$)");
    List<Entry> matched = new ArrayList<>();
    for (Source source : sources) {
      for (Entry entry : entries(source.lines())) {
        if (entry.timestamp() != null && token.matcher(entry.head()).find()) {
          matched.add(entry);
        }
      }
    }
    // List.sort is stable: equal timestamps stay in source order.
    matched.sort(Comparator.comparing(Entry::timestamp));
    List<String> out = new ArrayList<>();
    matched.forEach(entry -> out.addAll(entry.lines()));
    return out;
  }

  /** Splits lines into entries; lines before the first timestamp form one without a time. */
  static List<Entry> entries(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    List<String> current = null;
    Instant currentTime = null;
    for (String line : lines) {
      Instant time = timestampOf(line);
      if (time != null || current == null) {
        if (current != null) {
          entries.add(new Entry(currentTime, current));
        }
        current = new ArrayList<>();
        currentTime = time;
      }
      current.add(line);
    }
    if (current != null) {
      entries.add(new Entry(currentTime, current));
    }
    return entries;
  }

  static Instant timestampOf(String line) {
    Matcher m = TIMESTAMP.matcher(line);
    if (!m.find()) {
      return null;
    }
    try {
      return Instant.parse(m.group(1));
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
