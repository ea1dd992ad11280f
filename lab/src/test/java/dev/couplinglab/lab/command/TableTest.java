package dev.couplinglab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.lab.Durations;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class TableTest {

  @Test
  void alignsColumnsToTheirWidestCell() {
    Table table = new Table("NAME", "PID").row("kafka", 12).row("notification-service", null);

    assertThat(table.lines())
        .as("two spaces after the widest cell; missing values as '-'")
        .containsExactly(
            "NAME                  PID", "kafka                 12", "notification-service  -");
  }

  @Test
  void readsDurationsAsPeopleTypeThem() {
    assertThat(Durations.parse("10s")).as("seconds").isEqualTo(Duration.ofSeconds(10));
    assertThat(Durations.parse("250ms")).as("millis").isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("2m")).as("minutes").isEqualTo(Duration.ofMinutes(2));
    assertThat(Durations.parse("1.5s")).as("a fraction").isEqualTo(Duration.ofMillis(1500));
    assertThatThrownBy(() -> Durations.parse("1.5"))
        .as("a bare number: seconds or milliseconds? The files' grammar needs a unit")
        .isInstanceOf(TypeConversionException.class)
        .hasMessage("'1.5' is not a duration (examples: 10s, 500ms, 2m)");
    assertThatThrownBy(() -> Durations.parse("soon"))
        .as("not a duration")
        .isInstanceOf(TypeConversionException.class);
  }
}
