package dev.couplinglab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResilienceCountersTest {

  @Test
  void theRunsShareIsTheDifference() {
    ResilienceCounters before = new ResilienceCounters(10, 1, 2, 5, 4, 1, 300);
    ResilienceCounters after = new ResilienceCounters(15, 1, 3, 9, 9, 0, 700);

    assertThat(after.minus(before)).isEqualTo(new ResilienceCounters(5, 0, 1, 4, 5, 0, 700));
  }

  @Test
  void anOrderServiceRestartedDuringTheRunCountsFromZero() {
    ResilienceCounters before = new ResilienceCounters(0, 0, 0, 5498, 5498, 0, 19402);
    ResilienceCounters afterRestart = new ResilienceCounters(0, 0, 0, 3, 3, 0, 40);

    assertThat(afterRestart.minus(before))
        .as("the counts since the new process started, never negative")
        .isEqualTo(afterRestart);
  }
}
