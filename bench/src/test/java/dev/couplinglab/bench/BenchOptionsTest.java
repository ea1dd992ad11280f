package dev.couplinglab.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void quickModeTakesItsOwnRatesAndLimits() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--quick", "--rates", "20, 100000", "--sync-p99-ms", "75", "--async-e2e-p99-ms", "300"
            });

    assertThat(options.mode()).isEqualTo("quick");
    assertThat(options.counts()).as("quick counts").isEqualTo(BenchOptions.Counts.QUICK);
    assertThat(options.rates()).isEqualTo(List.of(20, 100000));
    assertThat(options.limits()).isEqualTo(new RateSearch.Limits(75_000, 300_000));
    assertThat(options.out().toString()).as("default output").endsWith("bench-result.json");
    assertThat(options.coldRates()).as("quick cold rates").isEqualTo(List.of(100));
  }

  @Test
  void coldRatesCanBeGiven() {
    BenchOptions options = BenchOptions.parse(new String[] {"--quick", "--cold-rates", "10,20"});

    assertThat(options.coldRates()).isEqualTo(List.of(10, 20));
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--cold-rates", "0"}))
        .hasMessageContaining("--cold-rates");
  }

  @Test
  void defaultsToTheFullRunWithTheIssuesLimits() {
    BenchOptions options = BenchOptions.parse(new String[0]);

    assertThat(options.mode()).isEqualTo("full");
    assertThat(options.rates()).isEqualTo(BenchOptions.LADDER);
    assertThat(options.limits()).isEqualTo(RateSearch.Limits.DEFAULT);
    assertThat(options.coldRates()).isEqualTo(BenchOptions.COLD_RATES);
    assertThat(options.counts().coldLoad()).as("the cold load is the first minute").hasSeconds(60);
  }

  @Test
  void onlyRunsTheColdTracingOrOverloadRowsAtTheRatesGiven() {
    BenchOptions options =
        BenchOptions.parse(
            new String[] {
              "--only", "tracing,overload", "--tracing-rate", "300", "--overload-rate", "1500"
            });

    assertThat(options.only()).containsExactlyInAnyOrder("tracing", "overload");
    assertThat(options.tracingRate()).isEqualTo(300);
    assertThat(options.overloadRate()).isEqualTo(1500);
    assertThat(options.mode()).as("named in the header").isEqualTo("full, only overload,tracing");
    assertThat(BenchOptions.parse(new String[0]).only()).as("default: everything").isEmpty();
    assertThat(BenchOptions.parse(new String[] {"--only", "cold"}).only()).containsExactly("cold");
    assertThat(BenchOptions.parse(new String[] {"--only", "warm"}).runs("cold")).isFalse();
    assertThat(BenchOptions.parse(new String[0]).runs("cold")).isTrue();
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--only", "hot"}))
        .hasMessageContaining("--only: expected some of cold, warm, tracing, overload");
  }

  @Test
  void rejectsBadUsageWithOneLine() {
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--rates", "100,-5"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rates");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--sync-p99-ms"}))
        .hasMessageContaining("needs a value");
    assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--fast"}))
        .hasMessageContaining("unknown argument --fast");
  }
}
