package dev.couplinglab.experiment.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.experiment.model.RatePhase;
import java.time.Duration;
import java.util.List;
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

  @Test
  void followsPhasesByTheClockNotByAnswers() {
    // 2/s for 10 s, 10/s for 5 s (the overload), 2/s again to the end at 20 s.
    OpenLoopSchedule s =
        OpenLoopSchedule.of(
            new Rate.Phased(
                List.of(
                    new RatePhase(Duration.ZERO, new Rate.Fixed(2), false),
                    new RatePhase(Duration.ofSeconds(10), new Rate.Fixed(10), true),
                    new RatePhase(Duration.ofSeconds(15), new Rate.Fixed(2), false))),
            Duration.ofSeconds(20));

    assertThat(s.count()).as("20 + 50 + 10 requests").isEqualTo(80);
    assertThat(s.intendedNanos(19)).as("the last of the first phase").isEqualTo(9_500_000_000L);
    assertThat(s.intendedNanos(20)).as("the first of the overload").isEqualTo(10_000_000_000L);
    assertThat(s.intendedNanos(21)).as("then every 100 ms").isEqualTo(10_100_000_000L);
    assertThat(s.intendedNanos(70)).as("back at 2/s from 15 s").isEqualTo(15_000_000_000L);
    assertThat(s.intendedNanos(71)).isEqualTo(15_500_000_000L);
    assertThat(s.dueBy(12_000_000_000L))
        .as("20 before the overload, 21 in its first 2 s")
        .isEqualTo(41);
    assertThat(s.rateAt(12_000_000_000L)).isEqualTo(10);
    assertThat(s.rateAt(19_000_000_000L)).isEqualTo(2);
    for (int i = 1; i < s.count(); i++) {
      assertThat(s.intendedNanos(i)).as("in order").isGreaterThan(s.intendedNanos(i - 1));
    }
  }

  @Test
  void aConstantRateGivesTheSameTimesAsBefore() {
    OpenLoopSchedule plain = new OpenLoopSchedule(3, Duration.ofSeconds(10));
    OpenLoopSchedule of = OpenLoopSchedule.of(new Rate.Fixed(3), Duration.ofSeconds(10));

    assertThat(of.count()).isEqualTo(plain.count());
    assertThat(of.intendedNanos(29)).isEqualTo(plain.intendedNanos(29));
  }

  @Test
  void refusesAnUnresolvedShare() {
    assertThatThrownBy(
            () -> OpenLoopSchedule.of(new Rate.ShareOfCapacity(50), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("resolve the share of capacity first");
  }
}
