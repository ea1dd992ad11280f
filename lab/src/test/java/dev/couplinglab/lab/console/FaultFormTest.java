package dev.couplinglab.lab.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultFormTest {

  @Test
  void aProcessFaultIsItsLabLineAndADurationPlansItsUndo() {
    FaultForm.Plan plan = FaultForm.plan("kill", "inventory-service", Map.of("for", "20s")::get);
    assertThat(plan.args()).containsExactly("fault", "kill", "inventory-service");
    assertThat(plan.undo()).contains(List.of("fault", "start", "inventory-service"));
    assertThat(plan.lasting()).isEqualTo("20s");
    assertThat(FaultForm.plan("pause", "kafka", k -> null).undo()).isEmpty();
  }

  @Test
  void anAdminFaultPassesOnlyItsOwnOptionsEachAsOneArgument() {
    Map<String, String> fields =
        Map.of("fixed", "200ms", "jitter", " ", "for", "30s", "code", "UNAVAILABLE", "x", "y");
    FaultForm.Plan plan = FaultForm.plan("latency", "inventory-service", fields::get);
    assertThat(plan.args())
        .containsExactly("fault", "latency", "inventory-service", "--fixed=200ms", "--for=30s");
    // A value that looks like an option stays the value of its own option.
    assertThat(FaultForm.plan("poison", "order", Map.of("count", "--help")::get).args())
        .containsExactly("fault", "poison", "order", "--count=--help");
  }

  @Test
  void unknownFaultsPartsAndDurationsThatMeanNothingAreRefused() {
    assertThatThrownBy(() -> FaultForm.plan("rm", "order-service", k -> null))
        .hasMessageContaining("unknown fault 'rm'");
    assertThatThrownBy(() -> FaultForm.plan("kill", "--all", k -> null))
        .hasMessageContaining("choose a part");
    assertThatThrownBy(() -> FaultForm.plan("start", "kafka", Map.of("for", "5s")::get))
        .hasMessageContaining("start takes no duration");
    assertThat(FaultForm.plan("clear", null, k -> null).args()).containsExactly("fault", "clear");
  }
}
