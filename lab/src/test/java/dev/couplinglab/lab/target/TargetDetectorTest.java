package dev.couplinglab.lab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.lab.LabException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TargetDetectorTest {

  private final List<String> asked = new ArrayList<>();

  private BooleanSupplier probe(String name, boolean answer) {
    return () -> {
      asked.add(name);
      return answer;
    };
  }

  @Test
  void takesTheTargetAskedForWithoutProbing() {
    TargetDetector detector = new TargetDetector(probe("local", true), probe("compose", false));

    assertThat(detector.detect(Target.COMPOSE, "local"))
        .as("option beats env")
        .isEqualTo(Target.COMPOSE);
    assertThat(asked).as("no probe asked").isEmpty();
  }

  @Test
  void takesLabTargetWhenNoOptionIsGiven() {
    TargetDetector detector = new TargetDetector(probe("local", true), probe("compose", false));

    assertThat(detector.detect(null, " Compose ")).as("env, any case").isEqualTo(Target.COMPOSE);
    assertThat(asked).as("no probe asked").isEmpty();
  }

  @Test
  void prefersLiveLocalProcessesOverComposeContainers() {
    TargetDetector detector = new TargetDetector(probe("local", true), probe("compose", true));

    assertThat(detector.detect(null, null)).as("local first").isEqualTo(Target.LOCAL);
    assertThat(asked).as("compose not even asked").containsExactly("local");
  }

  @Test
  void picksComposeWhenOnlyItsContainersRun() {
    TargetDetector detector = new TargetDetector(probe("local", false), probe("compose", true));

    assertThat(detector.detect(null, "")).as("compose").isEqualTo(Target.COMPOSE);
  }

  @Test
  void fallsBackToLocalWhenNothingRuns() {
    TargetDetector detector = new TargetDetector(probe("local", false), probe("compose", false));

    assertThat(detector.detect(null, null)).as("local by default").isEqualTo(Target.LOCAL);
    assertThat(asked).as("both probes asked, in order").containsExactly("local", "compose");
  }

  @Test
  void refusesAnUnknownLabTargetAsBadUsage() {
    TargetDetector detector = new TargetDetector(probe("local", false), probe("compose", false));

    assertThatThrownBy(() -> detector.detect(null, "k8s"))
        .as("usage error naming the variable")
        .isInstanceOf(LabException.class)
        .hasMessage("LAB_TARGET must be local or compose, was 'k8s'")
        .satisfies(e -> assertThat(((LabException) e).exitCode()).isEqualTo(2));
  }
}
