package dev.couplinglab.lab.console;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.lab.LabException;
import org.junit.jupiter.api.Test;

class ConsoleLoadTest {

  /** Nothing listens here: each start below must be refused before any call is made. */
  private final ConsoleLoad load = new ConsoleLoad(() -> "localhost:1");

  @Test
  void badInputIsRefusedWithOneLineAndStartsNothing() {
    assertThatThrownBy(() -> load.start("fast", "30s", "both"))
        .isInstanceOf(LabException.class)
        .hasMessage("rate must be a number of orders/s per style, was 'fast'");
    assertThatThrownBy(() -> load.start("1001", "30s", "both"))
        .hasMessage("rate must be more than 0 and at most 1000 orders/s per style");
    assertThatThrownBy(() -> load.start("10", "11m", "both"))
        .hasMessage("duration must be at most 10m");
    assertThatThrownBy(() -> load.start("10", "30s", "neither"))
        .hasMessage("style must be sync, async or both");
  }

  @Test
  void theOrdersOfOneLoadAreBoundedSoTheirRecordsFitTheConsolesHeap() {
    assertThatThrownBy(() -> load.start("1000", "10m", "both"))
        .isInstanceOf(LabException.class)
        .hasMessageStartingWith("rate x duration must be at most 120000 orders per style");
    assertThatThrownBy(() -> load.start("201", "10m", "sync"))
        .hasMessageStartingWith("rate x duration must be at most 120000");
  }
}
