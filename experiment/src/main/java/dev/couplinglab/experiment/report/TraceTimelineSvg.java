package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.trace.Span;
import dev.couplinglab.experiment.trace.Trace;
import java.util.List;
import java.util.Locale;

/**
 * Traces of orders as lanes on one time axis, each from its own start: a row per span, work as a
 * solid bar in the lane's colour, a caller waiting on the next hop as an outlined bar, an event
 * waiting in the outbox or a record in the broker as a hatched bar, and a line where the client had
 * its answer. The picture of the lesson: what each style's client waited for.
 */
public final class TraceTimelineSvg {

  /** One lane: a trace, its title and its colour. */
  public record Lane(String title, String color, Trace trace) {}

  private static final int WIDTH = 900;
  private static final int LABELS = 300;
  private static final int RIGHT = 20;
  private static final int ROW = 16;
  private static final int LANE_TITLE = 22;
  private static final int LANE_GAP = 18;
  private static final int TOP = 40;

  private TraceTimelineSvg() {}

  public static String render(String title, List<Lane> lanes) {
    long axis = 1;
    int height = TOP;
    for (Lane lane : lanes) {
      axis = Math.max(axis, lane.trace().endNanos() - lane.trace().startNanos());
      height += LANE_TITLE + lane.trace().rows().size() * ROW + LANE_GAP;
    }
    double axisMs = Svg.niceCeil(axis / 1e6);
    height += 40;
    StringBuilder svg = new StringBuilder();
    svg.append(
        String.format(
            Locale.ROOT,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">\n",
            WIDTH,
            height,
            WIDTH,
            height));
    svg.append(
        "<defs><pattern id=\"wait\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
            + " patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\""
            + " fill=\"#555555\"/></pattern></defs>\n");
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    Svg.text(svg, WIDTH / 2.0, 20, "middle", 14, title);
    int y = TOP;
    for (Lane lane : lanes) {
      y = lane(svg, lane, y, axisMs);
    }
    axis(svg, y, axisMs);
    legend(svg, y + 34);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static int lane(StringBuilder svg, Lane lane, int y, double axisMs) {
    Trace trace = lane.trace();
    long start = trace.startNanos();
    double answered = x((trace.answeredAtNanos() - start) / 1e6, axisMs);
    Svg.text(svg, 10, y + 14, "start", 12, lane.title());
    int top = y + LANE_TITLE;
    int rows = trace.rows().size();
    int row = 0;
    for (Trace.Row r : trace.rows()) {
      Span s = r.span();
      double ry = top + row * ROW;
      Svg.text(
          svg,
          10 + r.depth() * 10,
          ry + 11,
          "start",
          10,
          s.service() + " · " + label(s.name()) + (s.error() ? " (error)" : ""));
      double x1 = x((s.startNanos() - start) / 1e6, axisMs);
      double x2 = Math.max(x1 + 1.5, x((s.endNanos() - start) / 1e6, axisMs));
      svg.append(rect(x1, ry + 2, x2 - x1, ROW - 4, s.segment(), lane.color()));
      row++;
    }
    double bottom = top + rows * ROW;
    Svg.line(svg, answered, top - 4, answered, bottom, "#000000", " stroke-width=\"1.5\"");
    Svg.text(
        svg,
        Math.min(answered + 4, WIDTH - RIGHT - 150),
        top - 6,
        "start",
        10,
        "client answered at " + Fmt.ms((trace.answeredAtNanos() - start) / 1000));
    return (int) bottom + LANE_GAP;
  }

  /**
   * A gRPC span's name without its package ({@code couplinglab.v1.InventoryService/Reserve} reads
   * {@code InventoryService/Reserve}), so the deepest rows' labels stay left of the bars.
   */
  static String label(String spanName) {
    int slash = spanName.indexOf('/');
    if (slash < 0 || spanName.indexOf(' ') >= 0) {
      return spanName;
    }
    return spanName.substring(spanName.lastIndexOf('.', slash) + 1);
  }

  private static String rect(
      double x, double y, double w, double h, Span.Segment segment, String color) {
    String fill =
        switch (segment) {
          case WORK -> "fill=\"" + color + "\"";
          case CALLER_WAIT -> "fill=\"white\" stroke=\"" + color + "\" stroke-width=\"1.5\"";
          case OUTBOX_WAIT, BROKER_WAIT ->
              "fill=\"url(#wait)\" stroke=\"" + color + "\" stroke-width=\"1\"";
        };
    return String.format(
        Locale.ROOT,
        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" %s><title>%s</title></rect>\n",
        x,
        y,
        w,
        h,
        fill,
        Svg.esc(segment.meaning()));
  }

  private static void axis(StringBuilder svg, int y, double axisMs) {
    Svg.line(svg, LABELS, y, WIDTH - RIGHT, y, "#000000", "");
    for (int i = 0; i <= 5; i++) {
      double ms = axisMs * i / 5;
      double x = x(ms, axisMs);
      Svg.line(svg, x, y, x, y + 4, "#000000", "");
      Svg.text(svg, x, y + 16, "middle", 10, Svg.fmt(ms));
    }
    Svg.text(svg, WIDTH - RIGHT, y + 28, "end", 10, "ms since each order's first span");
  }

  private static void legend(StringBuilder svg, int y) {
    double x = 10;
    for (Span.Segment segment : Span.Segment.values()) {
      svg.append(rect(x, y - 9, 18, 10, segment, "#333333"));
      Svg.text(svg, x + 24, y, "start", 10, segment.meaning());
      x += 40 + segment.meaning().length() * 5.5;
    }
  }

  private static double x(double ms, double axisMs) {
    return LABELS + (WIDTH - RIGHT - LABELS) * Math.min(1, ms / axisMs);
  }
}
