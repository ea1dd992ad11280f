package dev.couplinglab.experiment.report;

import java.util.Locale;

/** The SVG primitives the charts are drawn with: text, lines, escaping and axis numbers. */
final class Svg {

  private Svg() {}

  static void text(StringBuilder svg, double x, double y, String anchor, int size, String s) {
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

  /** A label turned 90 degrees, centred on (x, y). */
  static void verticalText(StringBuilder svg, double x, double y, int size, String s) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"%d\""
                + " transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n",
            x,
            y,
            size,
            x,
            y,
            esc(s)));
  }

  static void line(
      StringBuilder svg, double x1, double y1, double x2, double y2, String stroke, String extra) {
    svg.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"%s/>\n",
            x1,
            y1,
            x2,
            y2,
            stroke,
            extra));
  }

  /** The stroke-dasharray attribute of a dash pattern, or nothing for a solid line. */
  static String dash(String pattern) {
    return pattern == null || pattern.isEmpty() ? "" : " stroke-dasharray=\"" + pattern + "\"";
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

  static String fmt(double v) {
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
