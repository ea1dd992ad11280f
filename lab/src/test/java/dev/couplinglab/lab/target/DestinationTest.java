package dev.couplinglab.lab.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.lab.LabException;
import org.junit.jupiter.api.Test;

class DestinationTest {

  @Test
  void readsTargetHostPortAsAnAddressAsBefore() {
    assertThat(Destination.of("localhost:50051", null))
        .as("old --target host:port")
        .isEqualTo(new Destination(null, "localhost:50051"));
  }

  @Test
  void readsAddressAndTargetKinds() {
    assertThat(Destination.of(null, "h:1")).as("--address").isEqualTo(new Destination(null, "h:1"));
    assertThat(Destination.of("compose", null))
        .as("--target compose")
        .isEqualTo(new Destination(Target.COMPOSE, null));
    assertThat(Destination.of(null, null))
        .as("nothing: detect")
        .isEqualTo(new Destination(null, null));
  }

  @Test
  void refusesTwoAddressesOrAnUnknownTarget() {
    assertThatThrownBy(() -> Destination.of("a:1", "b:2")).isInstanceOf(LabException.class);
    assertThatThrownBy(() -> Destination.of("local", "b:2")).isInstanceOf(LabException.class);
    assertThatThrownBy(() -> Destination.of("cloud", null))
        .isInstanceOf(LabException.class)
        .hasMessageContaining("--target must be local or compose");
  }
}
