package dev.couplinglab.experiment.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StyleFiguresTest {

  private static String scrape(long syncOk, long syncUnavailable, long fast, long slow) {
    return """
        # HELP couplinglab_order_answer_seconds PlaceOrder answers by style and code
        # TYPE couplinglab_order_answer_seconds histogram
        couplinglab_order_answer_seconds_bucket{code="OK",style="sync",le="0.01"} %d
        couplinglab_order_answer_seconds_bucket{code="OK",style="sync",le="0.1"} %d
        couplinglab_order_answer_seconds_bucket{code="OK",style="sync",le="+Inf"} %d
        couplinglab_order_answer_seconds_count{code="OK",style="sync"} %d
        couplinglab_order_answer_seconds_count{code="UNAVAILABLE",style="sync"} %d
        couplinglab_order_answer_seconds_count{code="OK",style="async"} 7
        jvm_threads_current 21.0
        a_label_with_escapes{path="C:\\\\dir \\"x\\"\\nnext"} 1.5e3 1712345678
        not a sample
        """
        .formatted(fast, fast + slow, fast + slow, syncOk, syncUnavailable);
  }

  @Test
  void parsesNamesLabelsValuesAndEscapes() {
    Samples samples = Samples.parse(scrape(10, 0, 10, 0));

    assertThat(samples.sum("jvm_threads_current", s -> true)).isEqualTo(21.0);
    Samples.Sample escaped = samples.of("a_label_with_escapes", s -> true).get(0);
    assertThat(escaped.label("path")).isEqualTo("C:\\dir \"x\"\nnext");
    assertThat(escaped.value()).isEqualTo(1500.0);
    assertThat(
            samples.of(
                "couplinglab_order_answer_seconds_bucket", s -> s.label("le").equals("+Inf")))
        .hasSize(1);
    assertThat(samples.of("not", s -> true)).isEmpty();
  }

  @Test
  void theWindowsFiguresAreTheDeltasOfTwoScrapes() {
    Samples before = Samples.parse(scrape(100, 2, 100, 0));
    // 10 s later: 200 more OK (100 under 10 ms, 100 between 10 and 100 ms), 50 more UNAVAILABLE.
    Samples after = Samples.parse(scrape(300, 52, 200, 100));

    StyleFigures sync = StyleFigures.between("sync", before, after, 10);

    assertThat(sync.answeredPerSecond()).isEqualTo(25.0);
    assertThat(sync.failedShare()).isEqualTo(0.2);
    assertThat(sync.failedByCode()).isEqualTo(Map.of("UNAVAILABLE", 50L));
    assertThat(sync.answerP50Seconds())
        .as("the 100th of 200: top of the first bucket")
        .isEqualTo(0.01, within(1e-9));
    assertThat(sync.answerP99Seconds())
        .as("the 198th: 98/100 into the 10-100 ms bucket")
        .isEqualTo(0.01 + 0.09 * 0.98, within(1e-9));
    assertThat(sync.completionP99Seconds()).as("no completion histogram").isNaN();
  }

  @Test
  void aQuantileInTheInfiniteBucketIsTheLastFiniteBound() {
    assertThat(
            StyleFigures.quantile(
                0.99, List.of(new double[] {0.5, 1}, new double[] {Double.POSITIVE_INFINITY, 10})))
        .isEqualTo(0.5);
    assertThat(StyleFigures.quantile(0.5, List.of())).isNaN();
  }
}
