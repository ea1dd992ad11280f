package dev.couplinglab.experiment.model;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a {@link Rate} as people type it ({@code 50}, {@code 12.5}, {@code 30%}) and writes it. */
final class RateText {

  private static final Pattern NUMBER = Pattern.compile("-?\\d+(?:\\.\\d+)?");
  private static final Pattern SHARE = Pattern.compile("(-?\\d+(?:\\.\\d+)?)\\s*%");

  private RateText() {}

  static Rate parse(String field, Object value) {
    if (value instanceof Number n) {
      return fixed(field, n.doubleValue());
    }
    String text = String.valueOf(value).trim();
    Matcher m = SHARE.matcher(text);
    if (m.matches()) {
      double percent = Double.parseDouble(m.group(1));
      if (!(percent > 0 && percent <= Rate.MAX_PERCENT)) {
        throw new ExperimentException(
            field
                + ": a share of capacity must be above 0% and at most "
                + plain(Rate.MAX_PERCENT)
                + "%, was "
                + text);
      }
      return new Rate.ShareOfCapacity(percent);
    }
    if (NUMBER.matcher(text).matches()) {
      return fixed(field, Double.parseDouble(text));
    }
    throw new ExperimentException(
        field + ": expected a number or a percentage like 30%, was \"" + text + "\"");
  }

  private static Rate fixed(String field, double perSecond) {
    if (!(perSecond >= Rate.MIN_PER_SECOND && perSecond <= Rate.MAX_PER_SECOND)) {
      throw new ExperimentException(
          field
              + ": must be from "
              + plain(Rate.MIN_PER_SECOND)
              + " to "
              + plain(Rate.MAX_PER_SECOND)
              + " orders/s, was "
              + plain(perSecond));
    }
    return new Rate.Fixed(perSecond);
  }

  /** {@code 50}, {@code 12.5}: no trailing zeros, no exponent. */
  static String plain(double d) {
    return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }
}
