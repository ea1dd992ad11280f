package dev.couplinglab.lab.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

  private static List<ClusterWatch.PartState> parts(String... faults) {
    return List.of(
        new ClusterWatch.PartState("inventory-service", "service", "up", List.of(faults)));
  }

  @Test
  void aFaultOpensAWindowThatItsAgeDoesNotMoveAndItsEndCloses() {
    FaultWindows windows = new FaultWindows();
    windows.update(parts("killed since 10:00:00 (1 s): pid 12 gone"), 1_000);
    List<FaultWindows.Window> open =
        windows.update(parts("killed since 10:00:00 (2 s): pid 12 gone"), 2_000);
    assertThat(open)
        .containsExactly(new FaultWindows.Window("inventory-service", "killed", 1_000, null));
    List<FaultWindows.Window> closed = windows.update(parts(), 3_000);
    assertThat(closed)
        .containsExactly(new FaultWindows.Window("inventory-service", "killed", 1_000, 3_000L));
  }

  @Test
  void anAdminFaultIsKnownByItsIdAndLabelledByItsDescription() {
    String line = "fault f-3: latency +200ms on Reserve, fired=12, 20 s left";
    assertThat(FaultWindows.key(line)).isEqualTo("fault f-3");
    assertThat(FaultWindows.label(line)).isEqualTo("latency +200ms on Reserve");
    FaultWindows windows = new FaultWindows();
    windows.update(parts(line), 1_000);
    assertThat(windows.update(parts(line.replace("fired=12", "fired=40")), 2_000)).hasSize(1);
  }
}
