package dev.couplinglab.order.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RepairBackoffTest {

  private static final RepairBackoff HIGHEST =
      new RepairBackoff(RepairBackoff.FIRST, RepairBackoff.CAP, n -> n - 1);
  private static final RepairBackoff LOWEST =
      new RepairBackoff(RepairBackoff.FIRST, RepairBackoff.CAP, n -> 0);

  @Test
  void doublesThePauseAfterEachFailedAttempt() {
    assertThat(HIGHEST.after(1)).as("after the first failure").isEqualTo(Duration.ofMillis(100));
    assertThat(HIGHEST.after(2)).as("after the second").isEqualTo(Duration.ofMillis(200));
    assertThat(HIGHEST.after(3)).as("after the third").isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void neverWaitsLongerThanTheCap() {
    assertThat(HIGHEST.after(7)).as("6400 ms capped").isEqualTo(Duration.ofSeconds(5));
    assertThat(HIGHEST.after(1_000)).as("many failures").isEqualTo(Duration.ofSeconds(5));
    assertThat(HIGHEST.after(Integer.MAX_VALUE)).as("no overflow").isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void jitterKeepsThePauseBetweenHalfAndAllOfIt() {
    assertThat(LOWEST.after(1)).as("lowest after one failure").isEqualTo(Duration.ofMillis(50));
    assertThat(LOWEST.after(100)).as("lowest at the cap").isEqualTo(Duration.ofMillis(2500));
    RepairBackoff random = RepairBackoff.standard();
    for (int attempts = 1; attempts <= 10; attempts++) {
      long ceiling = HIGHEST.after(attempts).toMillis();
      assertThat(random.after(attempts).toMillis())
          .as("pause after %d failures", attempts)
          .isBetween(ceiling / 2, ceiling);
    }
  }

  @Test
  void refusesAFirstPauseOfZeroOrACapBelowIt() {
    assertThatThrownBy(() -> new RepairBackoff(Duration.ZERO, Duration.ofSeconds(1), n -> 0))
        .as("zero first pause")
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new RepairBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), n -> 0))
        .as("cap below the first pause")
        .isInstanceOf(IllegalArgumentException.class);
  }
}
