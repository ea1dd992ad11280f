package dev.couplinglab.experiment.calibrate;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rates as the calibration prints them: {@code 50/s}, {@code 12.5/s}. */
final class RateFormat {

  private RateFormat() {}

  static String perSecond(double rate) {
    return plain(rate) + "/s";
  }

  static String plain(double rate) {
    return BigDecimal.valueOf(rate)
        .setScale(1, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }
}
