package dev.couplinglab.experiment.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadlinesTest {

  private static Samples order(long ok, long unavailable, long lag) {
    return Samples.parse(
        """
        couplinglab_order_answer_seconds_bucket{code="OK",style="sync",le="0.01"} %d
        couplinglab_order_answer_seconds_bucket{code="OK",style="sync",le="+Inf"} %d
        couplinglab_order_answer_seconds_count{code="OK",style="sync"} %d
        couplinglab_order_answer_seconds_count{code="UNAVAILABLE",style="sync"} %d
        couplinglab_consumer_lag{topic="inventory"} %d
        couplinglab_outbox_backlog 4
        """
            .formatted(ok, ok, ok, unavailable, lag));
  }

  @Test
  void bothStylesAndEveryServiceWithTheDeadOneSaidDown() {
    Map<String, Headlines.Window> windows = new LinkedHashMap<>();
    windows.put("order-service", Headlines.Window.of(order(10, 0, 0), order(60, 10, 7)));
    windows.put("inventory-service", Headlines.Window.failed("connection refused"));

    String text = Headlines.render(windows, 10);

    assertThat(text).contains("Over the last 10 s");
    assertThat(text).containsPattern("sync +6\\.0 +16\\.7%");
    assertThat(text).contains("{UNAVAILABLE=10}");
    assertThat(text).containsPattern("async +0\\.0 +0\\.0% +n/a");
    assertThat(text).containsPattern("order-service +7 +4 +up");
    assertThat(text).contains("inventory-service", "down: connection refused");
  }

  @Test
  void withOrderServiceDownTheStylesHaveNoFigures() {
    Map<String, Headlines.Window> windows = new LinkedHashMap<>();
    windows.put("order-service", Headlines.Window.failed("connection refused"));

    assertThat(Headlines.render(windows, 5)).contains("sync   n/a: order-service down");
  }
}
