package dev.couplinglab.experiment.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A hand-written SVG line chart: x in seconds, y linear or log10, shaded fault windows, axis labels
 * and a legend; optionally a lower panel on the same time axis with each style's share of failed
 * orders per second, so a style whose every order failed (and so has no latency to draw) still
 * shows. Points with a negative value are gaps. Opens in any browser.
 */
final class SvgChart {

  /** One line: values indexed by second; a negative value is a gap; dash "" is solid. */
  record Series(String label, String color, String dash, double[] values) {}

  /** One style's line in the error panel: percent of that second's orders that failed. */
  record ErrorLine(String style, String label, String color, String dash, double[] percent) {}

  /** A shaded span of the x axis. */
  record Band(double fromSeconds, double toSeconds, String label) {}

  private static final int WIDTH = 900;
  private static final int LEFT = 80;
  private static final int RIGHT = 20;
  private static final int TOP = 50;
  private static final int MAIN_HEIGHT = 290;
  private static final int PANEL_GAP = 30;
  private static final int PANEL_HEIGHT = 100;
  private static final String BAND_COLOR = Palette.FAULT;

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final boolean log;
  private final List<Series> series = new ArrayList<>();
  private final List<ErrorLine> errors = new ArrayList<>();
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

  /** Adds a line to the error panel (the panel is drawn when it has a line). */
  SvgChart errors(ErrorLine e) {
    errors.add(e);
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
    int height = axisBottom() + 100;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                    + "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                    + " viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                height,
                WIDTH,
                height))
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    Svg.text(svg, WIDTH / 2.0, 22, "middle", 15, title);
    for (Band b : bands) {
      double x1 = x(b.fromSeconds(), xMax);
      double x2 = Math.max(x1 + 2, x(b.toSeconds(), xMax));
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect class=\"fault-window\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\""
                  + " fill=\"%s\" fill-opacity=\"0.2\"><title>%s</title></rect>\n",
              x1,
              TOP,
              x2 - x1,
              axisBottom() - TOP,
              BAND_COLOR,
              Svg.esc(b.label())));
      Svg.text(svg, x1 + 3, TOP + 12, "start", 10, b.label());
    }
    double[] y = yRange();
    axes(svg, xMax, y);
    for (Series s : series) {
      line(svg, "series", "", s.color(), s.dash(), s.label(), s.values(), xMax, v -> yPixel(v, y));
    }
    if (!errors.isEmpty()) {
      errorPanel(svg, xMax);
    }
    legend(svg);
    return svg.append("</svg>\n").toString();
  }

  private int axisBottom() {
    return TOP + MAIN_HEIGHT + (errors.isEmpty() ? 0 : PANEL_GAP + PANEL_HEIGHT);
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
    return new double[] {0, Svg.niceCeil(Math.max(max, 1))};
  }

  private void axes(StringBuilder svg, double xMax, double[] y) {
    int mainBottom = TOP + MAIN_HEIGHT;
    frame(svg, TOP, mainBottom);
    double xStep = Svg.niceCeil(xMax / 10);
    for (double t = 0; t <= xMax + 1e-9; t += xStep) {
      double px = x(t, xMax);
      Svg.line(svg, px, mainBottom, px, mainBottom + 5, "black", "");
      Svg.line(svg, px, axisBottom(), px, axisBottom() + 5, "black", "");
      Svg.text(svg, px, axisBottom() + 18, "middle", 11, Svg.fmt(t));
    }
    Svg.text(svg, LEFT + plotWidth() / 2.0, axisBottom() + 36, "middle", 12, xLabel);
    if (log) {
      for (double p = y[0]; p <= y[1] + 1e-9; p++) {
        double py = yPixel(Math.pow(10, p), y);
        grid(svg, py);
        Svg.text(svg, LEFT - 8, py + 4, "end", 11, Svg.fmt(Math.pow(10, p)));
      }
    } else {
      double step = Svg.niceCeil(y[1] / 5);
      for (double v = 0; v <= y[1] + 1e-9; v += step) {
        double py = yPixel(v, y);
        grid(svg, py);
        Svg.text(svg, LEFT - 8, py + 4, "end", 11, Svg.fmt(v));
      }
    }
    Svg.verticalText(svg, 18, TOP + MAIN_HEIGHT / 2.0, 12, yLabel + (log ? " (log scale)" : ""));
  }

  /** The lower panel: 0 to 100% of the orders sent each second that failed, per style. */
  private void errorPanel(StringBuilder svg, double xMax) {
    int top = TOP + MAIN_HEIGHT + PANEL_GAP;
    int bottom = top + PANEL_HEIGHT;
    svg.append("<g class=\"error-panel\">\n");
    frame(svg, top, bottom);
    for (int pct : new int[] {0, 50, 100}) {
      double py = bottom - PANEL_HEIGHT * pct / 100.0;
      grid(svg, py);
      Svg.text(svg, LEFT - 8, py + 4, "end", 11, pct + "%");
    }
    Svg.text(
        svg,
        LEFT + 4,
        top - 6,
        "start",
        11,
        "PlaceOrder errors: % of the orders sent each second that failed");
    Svg.verticalText(svg, 18, top + PANEL_HEIGHT / 2.0, 11, "failed %");
    for (ErrorLine e : errors) {
      line(
          svg,
          "errors",
          " data-style=\"" + Svg.esc(e.style()) + "\"",
          e.color(),
          e.dash(),
          e.label(),
          e.percent(),
          xMax,
          v -> bottom - PANEL_HEIGHT * Math.min(100, v) / 100.0);
    }
    svg.append("</g>\n");
  }

  private void frame(StringBuilder svg, int top, int bottom) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<path d=\"M%d %d V%d H%d\" stroke=\"black\" fill=\"none\"/>\n",
            LEFT,
            top,
            bottom,
            WIDTH - RIGHT));
  }

  private interface YPixel {
    double of(double v);
  }

  private void line(
      StringBuilder svg,
      String cls,
      String attrs,
      String color,
      String dash,
      String label,
      double[] values,
      double xMax,
      YPixel y) {
    StringBuilder d = new StringBuilder();
    boolean pen = false;
    for (int i = 0; i < values.length; i++) {
      double v = values[i];
      if (v < 0 || (log && v == 0 && cls.equals("series"))) {
        pen = false;
        continue;
      }
      d.append(pen ? " L" : " M")
          .append(String.format(Locale.ROOT, "%.1f %.1f", x(i + 0.5, xMax), y.of(v)));
      pen = true;
    }
    if (d.length() == 0) {
      return;
    }
    svg.append(
        String.format(
            Locale.ROOT,
            "<path class=\"%s\"%s d=\"%s\" stroke=\"%s\" stroke-width=\"2.5\" fill=\"none\"%s>"
                + "<title>%s</title></path>\n",
            cls,
            attrs,
            d.toString().trim(),
            color,
            Svg.dash(dash),
            Svg.esc(label)));
  }

  private void legend(StringBuilder svg) {
    double x = LEFT + 10;
    int y = axisBottom() + 60;
    for (Series s : series) {
      if (x + entryWidth(s.label()) > WIDTH - RIGHT) {
        // Wrap rather than run off the picture (e.g. the offered rate of a phased load).
        x = LEFT + 10;
        y += 20;
      }
      x = legendEntry(svg, x, y, s.color(), s.dash(), s.label());
    }
    if (!bands.isEmpty() && x + entryWidth("fault window") > WIDTH - RIGHT) {
      x = LEFT + 10;
      y += 20;
    }
    if (!bands.isEmpty()) {
      svg.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%d\" width=\"20\" height=\"10\" fill=\"%s\""
                  + " fill-opacity=\"0.2\" stroke=\"%s\"/>",
              x,
              y - 9,
              BAND_COLOR,
              BAND_COLOR));
      Svg.text(svg, x + 25, y, "start", 11, "fault window");
    }
    x = LEFT + 10;
    for (ErrorLine e : errors) {
      x = legendEntry(svg, x, y + 20, e.color(), e.dash(), e.label());
    }
    svg.append('\n');
  }

  private static double legendEntry(
      StringBuilder svg, double x, int y, String color, String dash, String label) {
    Svg.line(svg, x, y - 4, x + 28, y - 4, color, " stroke-width=\"2.5\"" + Svg.dash(dash));
    Svg.text(svg, x + 33, y, "start", 11, label);
    return x + entryWidth(label);
  }

  private static double entryWidth(String label) {
    return 50 + 6.5 * label.length();
  }

  private double x(double seconds, double xMax) {
    return LEFT + seconds / xMax * plotWidth();
  }

  private double yPixel(double v, double[] y) {
    double f = log ? (Math.log10(v) - y[0]) / (y[1] - y[0]) : (v - y[0]) / (y[1] - y[0]);
    return TOP + MAIN_HEIGHT * (1 - Math.max(0, Math.min(1, f)));
  }

  private void grid(StringBuilder svg, double py) {
    Svg.line(svg, LEFT, py, WIDTH - RIGHT, py, "#ddd", "");
  }

  private static int plotWidth() {
    return WIDTH - LEFT - RIGHT;
  }
}
