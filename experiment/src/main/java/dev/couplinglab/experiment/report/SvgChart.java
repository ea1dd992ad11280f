package dev.couplinglab.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG line chart: x in seconds, y linear or log10, shaded fault windows, axis labels
 * and a legend. Points with a negative value are gaps. Opens in any browser.
 */
final class SvgChart {

  /** One line: values indexed by second; a negative value is a gap. */
  record Series(String label, String color, boolean dashed, double[] values) {}

  /** A shaded span of the x axis. */
  record Band(double fromSeconds, double toSeconds, String label) {}

  private static final int WIDTH = 900;
  private static final int HEIGHT = 420;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int BOTTOM = 80;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean log;
  private final List<Series> series = new ArrayList<>();
  private final List<Band> bands = new ArrayList<>();

  SvgChart(String title, String xLabel, String yLabel, boolean log) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
    this.log = log;
  }

  SvgChart add(Series s) {
    series.add(s);
    return this;
  }

  SvgChart band(Band b) {
    bands.add(b);
    return this;
  }

  String render() {
    double xMax = Math.max(1, series.stream().mapToInt(s -> s.values().length).max().orElse(1));
    for (Band b : bands) {
      xMax = Math.max(xMax, b.toSeconds());
    }
    double[] y = yRange();
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(svg, WIDTH / 2.0, 22, "middle", 15, title);
    for (Band b : bands) {
      double x1 = x(b.fromSeconds(), xMax);
      double x2 = Math.max(x1 + 2, x(b.toSeconds(), xMax));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"fault-window\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                  + " fill=\"#f4a582\" fill-opacity=\"0.35\"><title>%s</title></rect>\n",
              x1,
              TOP,
              x2 - x1,
              plotHeight(),
              esc(b.label())));
      text(svg, x1 + 3, TOP + 12, "start", 10, b.label());
    }
    axes(svg, xMax, y);
    for (Series s : series) {
      line(svg, s, xMax, y);
    }
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private double[] yRange() {
    double max = 0;
    double min = Double.MAX_VALUE;
    for (Series s : series) {
      for (double v : s.values()) {
        if (v >= 0) {
          max = Math.max(max, v);
          if (v > 0) {
            min = Math.min(min, v);
          }
        }
      }
    }
    if (log) {
      double lo = Math.floor(Math.log10(min == Double.MAX_VALUE ? 1 : min));
      double hi = Math.ceil(Math.log10(Math.max(max, 1e-9)));
      return new double[] {lo, Math.max(hi, lo + 1)};
    }
    return new double[] {0, niceCeil(Math.max(max, 1))};
  }

  private void axes(StringBuilder svg, double xMax, double[] y) {
    int bottom = TOP + plotHeight();
    svg.append(
        String.format(
            Locale.ROOT,
            "<path d=\"M%d %d V%d H%d\" stroke=\"black\" fill=\"none\"/>\n",
            LEFT,
            TOP,
            bottom,
            WIDTH - RIGHT));
    double xStep = niceCeil(xMax / 10);
    for (double t = 0; t <= xMax + 1e-9; t += xStep) {
      double px = x(t, xMax);
      tick(svg, px, bottom, px, bottom + 5);
      text(svg, px, bottom + 18, "middle", 11, fmt(t));
    }
    text(svg, LEFT + plotWidth() / 2.0, bottom + 36, "middle", 12, xLabel);
    if (log) {
      for (double p = y[0]; p <= y[1] + 1e-9; p++) {
        double py = yPixel(Math.pow(10, p), y);
        grid(svg, py);
        text(svg, LEFT - 8, py + 4, "end", 11, fmt(Math.pow(10, p)));
      }
    } else {
      double step = niceCeil(y[1] / 5);
      for (double v = 0; v <= y[1] + 1e-9; v += step) {
        double py = yPixel(v, y);
        grid(svg, py);
        text(svg, LEFT - 8, py + 4, "end", 11, fmt(v));
      }
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"18\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 18 %.1f)\">%s"
                + "</text>\n",
            TOP + plotHeight() / 2.0,
            TOP + plotHeight() / 2.0,
            esc(yLabel + (log ? " (log scale)" : ""))));
  }

  private void line(StringBuilder svg, Series s, double xMax, double[] y) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < s.values().length; i++) {
      double v = s.values()[i];
      if (v < 0 || (log && v == 0)) {
        pen = false;
        continue;
      }
      d.append(pen ? " L" : " M")
          .append(String.format(Locale.ROOT, "%.1f %.1f", x(i + 0.5, xMax), yPixel(v, y)));
      pen = true;
    }
    if (d.length() == 0) {
      return;
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<path class=\"series\" d=\"%s\" stroke=\"%s\" stroke-width=\"2\" fill=\"none\"%s>"
                + "<title>%s</title></path>\n",
            d.toString().trim(),
            s.color(),
            s.dashed() ? " stroke-dasharray=\"6 4\"" : "",
            esc(s.label())));
  }

  private void legend(StringBuilder svg) {
    double x = LEFT + 10;
    int y = TOP + plotHeight() + 64;
    for (Series s : series) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"%s/>",
              x,
              y - 4,
              x + 20,
              y - 4,
              s.color(),
              s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      text(svg, x + 25, y, "start", 11, s.label());
      x += 45 + 7 * s.label().length();
    }
    if (!bands.isEmpty()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"20\" height=\"10\" fill=\"#f4a582\""
                  + " fill-opacity=\"0.35\"/>",
              x,
              y - 9));
      text(svg, x + 25, y, "start", 11, "fault window");
    }
    svg.append('\n');
  }

  private double x(double seconds, double xMax) {
    return LEFT + seconds / xMax * plotWidth();
  }

  private double yPixel(double v, double[] y) {
    double f = log ? (Math.log10(v) - y[0]) / (y[1] - y[0]) : (v - y[0]) / (y[1] - y[0]);
    return TOP + plotHeight() * (1 - Math.max(0, Math.min(1, f)));
  }

  private void grid(StringBuilder svg, double py) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
            LEFT,
            py,
            WIDTH - RIGHT,
            py));
  }

  private static void tick(StringBuilder svg, double x1, double y1, double x2, double y2) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
            x1,
            y1,
            x2,
            y2));
  }

  private static void text(
      StringBuilder svg, double x, double y, String anchor, int size, String s) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>\n",
            x,
            y,
            anchor,
            size,
            esc(s)));
  }

  private static int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }

  private static int plotHeight() {
    return HEIGHT - TOP - BOTTOM;
  }

  /** 1, 2, 5 times a power of ten, at least {@code v}. */
  static double niceCeil(double v) {
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v - 1e-12) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e12
        ? String.valueOf((long) v)
        : String.format(Locale.ROOT, "%s", (float) v);
  }

  static String esc(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
