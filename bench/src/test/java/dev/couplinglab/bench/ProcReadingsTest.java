package dev.couplinglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The /proc readings the benchmark prints beside its figures, taken of this test's own JVM. */
class ProcReadingsTest {

  private static final long SELF = ProcessHandle.current().pid();

  @Test
  void readsTheMachine() {
    Machine machine = Machine.now();

    assertThat(machine.cpus()).as("cores in /proc/cpuinfo").isPositive();
    assertThat(machine.cpuModel()).as("model name").isNotEqualTo("unknown");
    assertThat(machine.memoryBytes()).as("MemTotal").isPositive();
    assertThat(machine.javaVersion()).as("Java").contains(System.getProperty("java.version"));
    assertThat(machine.describe()).contains(machine.cpuModel(), "MHz", "GiB");
  }

  @Test
  void sumsContextSwitchesOverThreads() {
    ContextSwitches.Count count = ContextSwitches.of(SELF);

    assertThat(count.voluntary()).as("a JVM's threads have waited").isPositive();
    assertThat(count.nonvoluntary()).isNotNegative();
  }

  @Test
  void neverReportsFewerSwitchesThanNone() {
    Map<String, ContextSwitches.Count> before = Map.of("p", new ContextSwitches.Count(10, 10));
    // a thread that ended took its switches with it: the later sum is smaller
    Map<String, ContextSwitches.Count> after = Map.of("p", new ContextSwitches.Count(4, 12));

    assertThat(ContextSwitches.between(before, after).get("p"))
        .isEqualTo(new ContextSwitches.Count(0, 2));
  }

  @Test
  void readsTheCompilerThreadsCpuOrNothingForAGoneProcess() {
    assertThat(JitWarmUp.compilerSeconds(SELF)).isNotNegative();
    assertThat(JitWarmUp.compilerSeconds(Long.MAX_VALUE)).as("no such process").isZero();
    assertThat(ContextSwitches.of(Long.MAX_VALUE)).isEqualTo(new ContextSwitches.Count(0, 0));
  }
}
