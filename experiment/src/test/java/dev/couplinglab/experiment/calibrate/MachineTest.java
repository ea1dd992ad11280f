package dev.couplinglab.experiment.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineTest {

  @Test
  void readsModelClockAndCoresFromCpuinfo() {
    List<String> cpuinfo =
        List.of(
            "processor\t: 0",
            "model name\t: Intel(R) Xeon(R) Processor",
            "cpu MHz\t\t: 2599.998",
            "",
            "processor\t: 1",
            "model name\t: Intel(R) Xeon(R) Processor",
            "cpu MHz\t\t: 2400.000");

    Machine m = Machine.parse(cpuinfo);

    assertThat(m.cores()).as("one per processor entry").isEqualTo(2);
    assertThat(m.describe())
        .as("one line, the first CPU's clock")
        .isEqualTo("Intel(R) Xeon(R) Processor, 2 cores @ 2600 MHz");
  }

  @Test
  void describesAnUnknownMachineWithoutAClock() {
    Machine m = Machine.parse(List.of("processor : 0"));

    assertThat(m.describe()).as("no model, no MHz").isEqualTo("unknown CPU, 1 core");
  }
}
