package dev.couplinglab.experiment.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  @Test
  void spacesRequestsEvenlyFromTheStartWhateverHappensToAnswers() {
    OpenLoopSchedule s = new OpenLoopSchedule(50, Duration.ofSeconds(60));

    assertThat(s.count()).as("50/s for 60 s").isEqualTo(3000);
    assertThat(s.intendedNanos(0)).isZero();
    assertThat(s.intendedNanos(1)).isEqualTo(20_000_000L);
    assertThat(s.intendedNanos(2999)).isEqualTo(59_980_000_000L);
  }

  @Test
  void countsOnlyRequestsDueBeforeTheEnd() {
    assertThat(new OpenLoopSchedule(20, Duration.ofSeconds(5)).count()).isEqualTo(100);
    assertThat(new OpenLoopSchedule(3, Duration.ofSeconds(1)).count())
        .as("0, 333, 667 ms")
        .isEqualTo(3);
    assertThat(new OpenLoopSchedule(0.5, Duration.ofSeconds(5)).count())
        .as("one every 2 s: at 0, 2, 4 s")
        .isEqualTo(3);
    assertThat(new OpenLoopSchedule(7, Duration.ofMillis(1)).count())
        .as("only the first")
        .isEqualTo(1);
  }

  @Test
  void roundsFractionalIntervalsWithoutDrift() {
    OpenLoopSchedule s = new OpenLoopSchedule(3, Duration.ofSeconds(10));

    assertThat(s.intendedNanos(1)).isEqualTo(333_333_333L);
    assertThat(s.intendedNanos(2)).isEqualTo(666_666_667L);
    assertThat(s.intendedNanos(3))
        .as("exactly one second, no accumulated error")
        .isEqualTo(1_000_000_000L);
    assertThat(s.intendedNanos(29)).isEqualTo(9_666_666_667L);
  }

  @Test
  void aStalledSenderFindsEveryMissedRequestDueAtOnce() {
    OpenLoopSchedule s = new OpenLoopSchedule(50, Duration.ofSeconds(10));

    assertThat(s.dueBy(-1)).isZero();
    assertThat(s.dueBy(0)).as("request 0 is due at once").isEqualTo(1);
    assertThat(s.dueBy(19_999_999)).isEqualTo(1);
    assertThat(s.dueBy(20_000_000)).isEqualTo(2);
    assertThat(s.dueBy(2_000_000_000L))
        .as("after a 2 s stall, 101 requests are due: the schedule does not wait")
        .isEqualTo(101);
    assertThat(s.dueBy(60_000_000_000L)).as("never more than the total").isEqualTo(500);
  }
}
