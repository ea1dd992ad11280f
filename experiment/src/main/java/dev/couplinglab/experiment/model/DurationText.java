package dev.couplinglab.experiment.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads and writes durations as people type them: {@code 500ms}, {@code 10s}, {@code 2m}. */
public final class DurationText {

  private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");

  private DurationText() {}

  /** The duration, or empty when {@code text} is not a number followed by ms, s or m. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORMAT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return Optional.empty();
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    BigDecimal millis =
        switch (m.group(2)) {
          case "ms" -> amount;
          case "s" -> amount.movePointRight(3);
          default -> amount.multiply(BigDecimal.valueOf(60_000));
        };
    return Optional.of(Duration.ofNanos(millis.movePointRight(6).longValue()));
  }

  /** The shortest exact form: {@code 2m}, {@code 10s}, {@code 1.5s}, {@code 250ms}. */
  public static String format(Duration d) {
    long millis = d.toMillis();
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis != 0 && millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    if (millis >= 1000) {
      return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString() + "s";
    }
    return millis + "ms";
  }
}
