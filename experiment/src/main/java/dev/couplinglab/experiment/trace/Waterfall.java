package dev.couplinglab.experiment.trace;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A trace as a waterfall in the terminal: one row per span (service, span, start offset, duration,
 * status) with a bar on a shared time axis, each wait drawn as what it is ({@link Span.Segment}),
 * and a mark where the client had its answer. {@link #compare} puts two traces on one axis, each
 * from its own start: the picture of when each style's client learned the outcome.
 */
public final class Waterfall {

  private static final int BAR = 40;
  private static final int NAME = 34;
  private static final int SERVICE = 22;

  private Waterfall() {}

  /** One trace, its axis its own length. */
  public static String render(Trace trace) {
    StringBuilder out = new StringBuilder();
    section(out, trace, length(trace));
    out.append(legend());
    return out.toString();
  }

  /** Two traces (e.g. a sync and an async order) on one time axis. */
  public static String compare(Trace first, Trace second) {
    long axis = Math.max(length(first), length(second));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "Both chains on one time axis, 0 to %s, each from its own start.%n%n",
            ms(axis)));
    section(out, first, axis);
    out.append('\n');
    section(out, second, axis);
    out.append(legend());
    return out.toString();
  }

  private static void section(StringBuilder out, Trace trace, long axis) {
    long start = trace.startNanos();
    long answered = trace.answeredAtNanos() - start;
    out.append(
        String.format(
            Locale.ROOT,
            "trace %s  %s  %s in all; the client had its answer at %s%n",
            trace.traceId(),
            describe(trace),
            ms(length(trace)),
            ms(answered)));
    out.append(
        String.format(
            Locale.ROOT,
            "%9s %9s  %-" + SERVICE + "s %-" + NAME + "s %-6s |%s|%n",
            "start",
            "duration",
            "service",
            "span",
            "status",
            axisLabel(axis)));
    for (Trace.Row row : trace.rows()) {
      Span s = row.span();
      String name = "  ".repeat(row.depth()) + shortName(s.name());
      out.append(
          String.format(
              Locale.ROOT,
              "%9s %9s  %-" + SERVICE + "s %-" + NAME + "s %-6s |%s|%n",
              ms(s.startNanos() - start),
              ms(s.durationNanos()),
              clip(s.service(), SERVICE),
              clip(name, NAME),
              s.error() ? "ERROR" : "ok",
              bar(s.startNanos() - start, s.endNanos() - start, axis, s.segment().glyph())));
    }
    char[] mark = new char[BAR];
    Arrays.fill(mark, ' ');
    mark[column(Math.max(0, answered - 1), axis)] = '^';
    out.append(
        String.format(
            Locale.ROOT,
            "%" + (9 + 1 + 9 + 2 + SERVICE + 1 + NAME + 1 + 6) + "s |%s|%n",
            "client answered ^",
            new String(mark)));
    List<Span> orphans = trace.orphans();
    if (!orphans.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %d span(s) whose parent is missing from the trace, drawn at the top%n",
              orphans.size()));
    }
  }

  private static String describe(Trace trace) {
    String style = trace.style().map(s -> s + " ").orElse("");
    return trace.orderId().map(id -> style + "order " + id).orElse(style + "trace");
  }

  private static String legend() {
    StringBuilder out = new StringBuilder("\n");
    for (Span.Segment segment : Span.Segment.values()) {
      out.append("  ").append(segment.glyph()).append(' ').append(segment.meaning());
    }
    return out.append('\n').toString();
  }

  private static String bar(long from, long to, long axis, char glyph) {
    char[] cells = new char[BAR];
    Arrays.fill(cells, ' ');
    int a = column(from, axis);
    int b = Math.max(a, column(Math.max(from, to - 1), axis));
    Arrays.fill(cells, a, b + 1, glyph);
    return new String(cells);
  }

  private static int column(long offset, long axis) {
    if (axis <= 0) {
      return 0;
    }
    return (int) Math.max(0, Math.min(BAR - 1, offset * BAR / axis));
  }

  private static String axisLabel(long axis) {
    String right = ms(axis);
    String left = "0";
    int gap = Math.max(1, BAR - left.length() - right.length());
    return left + " ".repeat(gap) + right;
  }

  private static long length(Trace trace) {
    return Math.max(1, trace.endNanos() - trace.startNanos());
  }

  /** A gRPC span's name without its package: {@code OrderService/PlaceOrder}. */
  static String shortName(String name) {
    return name.replaceFirst("^[\\w.]*\\.(?=\\w+/)", "");
  }

  private static String clip(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }

  /** Nanoseconds as milliseconds, e.g. "12.40 ms", "1 234 ms". */
  static String ms(long nanos) {
    double ms = nanos / 1e6;
    return ms >= 100
        ? String.format(Locale.ROOT, "%.0f ms", ms)
        : String.format(Locale.ROOT, "%.2f ms", ms);
  }
}
