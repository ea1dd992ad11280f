package dev.couplinglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlicesTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void countsEachOrderInTheSliceOfItsIntendedSendTime() {
    Slices slices = new Slices(Duration.ofSeconds(25), Duration.ofSeconds(10));

    slices.sync(2 * SECOND, 1_000_000);
    // sent at 12 s, answered 9 s later: still the second slice's
    slices.sync(12 * SECOND, 9 * SECOND);
    slices.endToEnd(24 * SECOND, 5_000_000);
    slices.error(21 * SECOND, "SYNC UNAVAILABLE");
    List<Slices.Slice> result = slices.result();

    assertThat(result).as("10 s slices of a 25 s step").hasSize(3);
    assertThat(result.get(0).sync().count()).isEqualTo(1);
    assertThat(result.get(1).sync().count()).isEqualTo(1);
    assertThat(result.get(1).sync().p50()).as("its latency, in micros").isGreaterThan(8e6);
    assertThat(result.get(2).toSeconds()).as("the last slice ends with the step").isEqualTo(25);
    assertThat(result.get(2).asyncEndToEnd().count()).isEqualTo(1);
    assertThat(result.get(2).errors()).isEqualTo(Map.of("SYNC UNAVAILABLE", 1L));
  }

  @Test
  void keepsNoSlicesWhenNoneAreAskedFor() {
    Slices slices = new Slices(Duration.ofSeconds(10), Duration.ZERO);

    slices.sync(SECOND, 1000);
    slices.error(SECOND, "SYNC UNAVAILABLE");

    assertThat(slices.result()).isEmpty();
  }
}
