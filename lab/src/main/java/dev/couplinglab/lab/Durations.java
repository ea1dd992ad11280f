package dev.couplinglab.lab;

import dev.couplinglab.experiment.model.DurationText;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as people type them ({@code 10s}, {@code 500ms}, {@code 2m}), in the grammar of
 * experiment files ({@link DurationText}): a unit is required, since a bare {@code 10} could mean
 * seconds or milliseconds. Prints them too.
 */
public final class Durations implements ITypeConverter<Duration> {

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  public static Duration parse(String value) {
    Duration d =
        DurationText.parse(value)
            .orElseThrow(
                () ->
                    new TypeConversionException(
                        "'" + value + "' is not a duration (examples: 10s, 500ms, 2m)"));
    if (d.toMillis() < 1) {
      throw new TypeConversionException("'" + value + "' is too short: at least 1ms");
    }
    return d;
  }

  /** {@code 4.1 ms}: for call latencies. */
  public static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }

  /** {@code 6.3 s}: for start-up and shutdown times. */
  public static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
  }
}
