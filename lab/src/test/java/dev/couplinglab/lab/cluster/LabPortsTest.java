package dev.couplinglab.lab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.LabException;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class LabPortsTest {

  @Test
  void usesTheDefaultPortsWhenNothingIsSet() {
    assertThat(LabPorts.fromEnv(Map.of()))
        .as("defaults")
        .isEqualTo(new Ports(9092, 9093, 15051, 15052, 15053));
  }

  @Test
  void readsEachPortFromItsVariable() {
    Ports ports =
        LabPorts.fromEnv(
            Map.of(
                "LAB_KAFKA_PORT", "29092",
                "LAB_KAFKA_CONTROLLER_PORT", "29093",
                "LAB_ORDER_PORT", " 25051 ",
                "LAB_INVENTORY_PORT", "25052",
                "LAB_NOTIFICATION_PORT", "25053"));

    assertThat(ports)
        .as("every variable read")
        .isEqualTo(new Ports(29092, 29093, 25051, 25052, 25053));
    assertThat(ports.address(Part.INVENTORY)).as("address").isEqualTo("localhost:25052");
    assertThat(ports.of(Part.KAFKA)).as("Kafka's client port").isEqualTo(29092);
  }

  @Test
  void refusesAPortThatIsNotANumberNamingTheVariable() {
    assertThatThrownBy(() -> LabPorts.fromEnv(Map.of("LAB_ORDER_PORT", "fifty")))
        .as("bad usage, naming the variable and the value")
        .isInstanceOf(LabException.class)
        .hasMessage("LAB_ORDER_PORT must be a port number 1-65535, was 'fifty'")
        .extracting(e -> ((LabException) e).exitCode())
        .isEqualTo(2);
  }

  @Test
  void refusesAPortOutOfRange() {
    assertThatThrownBy(() -> LabPorts.fromEnv(Map.of("LAB_KAFKA_PORT", "70000")))
        .as("out of range")
        .hasMessageContaining("LAB_KAFKA_PORT");
  }

  @Test
  void refusesTheSamePortForTwoParts() {
    assertThatThrownBy(() -> LabPorts.fromEnv(Map.of("LAB_INVENTORY_PORT", "15051")))
        .as("inventory on order-service's default port")
        .hasMessage("port 15051 is given to two parts of the cluster");
  }

  @Test
  void survivesARoundTripThroughClusterProperties() {
    Ports ports = new Ports(1, 2, 3, 4, 5);
    Properties p = new Properties();
    LabPorts.writeTo(ports, p);

    assertThat(LabPorts.fromProperties(p)).as("same ports back").isEqualTo(ports);
  }
}
