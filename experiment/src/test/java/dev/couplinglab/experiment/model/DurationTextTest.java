package dev.couplinglab.experiment.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {

  @Test
  void readsMillisecondsSecondsAndMinutes() {
    assertThat(DurationText.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(DurationText.parse("10s")).contains(Duration.ofSeconds(10));
    assertThat(DurationText.parse("2m")).contains(Duration.ofMinutes(2));
    assertThat(DurationText.parse(" 1.5s "))
        .as("decimals and spaces")
        .contains(Duration.ofMillis(1500));
    assertThat(DurationText.parse("0s")).contains(Duration.ZERO);
  }

  @Test
  void refusesNumbersWithoutAUnitAndOtherUnits() {
    assertThat(DurationText.parse("10")).as("no unit").isEmpty();
    assertThat(DurationText.parse("10h")).as("hours are not offered").isEmpty();
    assertThat(DurationText.parse("-5s")).as("negative").isEmpty();
    assertThat(DurationText.parse("fast")).isEmpty();
  }

  @Test
  void writesTheShortestExactForm() {
    assertThat(DurationText.format(Duration.ofMinutes(2))).isEqualTo("2m");
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(DurationText.format(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0ms");
  }
}
