package dev.couplinglab.lab.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.target.Target;
import org.junit.jupiter.api.Test;

class FaultPartTest {

  @Test
  void readsLocalPartsByFullAndShortName() {
    assertThat(FaultPart.parse("inventory", Target.LOCAL))
        .isEqualTo(new FaultPart("inventory-service", Part.INVENTORY));
    assertThat(FaultPart.parse("Order-Service", Target.LOCAL))
        .isEqualTo(new FaultPart("order-service", Part.ORDER));
    assertThat(FaultPart.parse("kafka", Target.LOCAL))
        .isEqualTo(new FaultPart("kafka", Part.KAFKA));
  }

  @Test
  void readsComposeServicesAndBrokers() {
    assertThat(FaultPart.parse("notification", Target.COMPOSE))
        .isEqualTo(new FaultPart("notification-service", null));
    assertThat(FaultPart.parse("kafka-2", Target.COMPOSE).isBroker()).as("broker").isTrue();
    assertThat(FaultPart.parse("inventory-service", Target.COMPOSE).name())
        .isEqualTo("inventory-service");
  }

  @Test
  void refusesNamesOfTheOtherTargetAndUnknownOnesAsBadUsage() {
    assertUsage(() -> FaultPart.parse("kafka-2", Target.LOCAL), "compose only");
    assertUsage(() -> FaultPart.parse("kafka", Target.COMPOSE), "kafka-1, kafka-2 or kafka-3");
    assertUsage(() -> FaultPart.parse("kafka-4", Target.COMPOSE), "unknown part 'kafka-4'");
    assertUsage(() -> FaultPart.parse("billing", Target.LOCAL), "unknown part 'billing'");
  }

  private static void assertUsage(Runnable parse, String message) {
    assertThatThrownBy(parse::run)
        .as(message)
        .isInstanceOf(LabException.class)
        .hasMessageContaining(message)
        .satisfies(e -> assertThat(((LabException) e).exitCode()).as("exit code").isEqualTo(2));
  }
}
