package dev.couplinglab.lab.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.couplinglab.experiment.metrics.Samples;
import org.junit.jupiter.api.Test;

class LanesTest {

  private static Samples scrape(int ok, int unavailable, int confirmed, int failed) {
    return Samples.parse(
        "couplinglab_order_answer_seconds_count{code=\"OK\",style=\"sync\"} "
            + ok
            + "\n"
            + "couplinglab_order_answer_seconds_count{code=\"UNAVAILABLE\",style=\"sync\"} "
            + unavailable
            + "\n"
            + "couplinglab_orders_final_total{state=\"CONFIRMED\",style=\"sync\"} "
            + confirmed
            + "\n"
            + "couplinglab_orders_final_total{state=\"FAILED\",style=\"sync\"} "
            + failed
            + "\n");
  }

  @Test
  void aLaneIsPerSecondOverTheWindowWithNoLatencyWhenNothingWasObserved() {
    Lanes.Lane lane = Lanes.lane("sync", scrape(10, 0, 10, 0), scrape(30, 10, 26, 10), 2.0);
    assertThat(lane.accepted()).isCloseTo(10, within(1e-9));
    assertThat(lane.errors()).isCloseTo(5, within(1e-9));
    assertThat(lane.errorsByCode()).containsEntry("UNAVAILABLE", 10L);
    assertThat(lane.completed()).isCloseTo(8, within(1e-9));
    assertThat(lane.failed()).isCloseTo(5, within(1e-9));
    assertThat(lane.answerP50Ms()).isNull(); // no buckets scraped: no NaN in the page's JSON
  }
}
