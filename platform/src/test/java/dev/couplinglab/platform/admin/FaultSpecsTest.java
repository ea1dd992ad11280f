package dev.couplinglab.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.ErrorFault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.contracts.v1.PoisonFault;
import dev.couplinglab.platform.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultSpecsTest {

  private static List<String> badFields(FaultSpec spec) {
    return FaultSpecs.validate(spec).stream().map(Violation::field).toList();
  }

  private static FaultSpec latency(String method, int fixed, int jitter, double p) {
    return FaultSpec.newBuilder()
        .setLatency(
            LatencyFault.newBuilder()
                .setMethod(method)
                .setFixedMs(fixed)
                .setJitterMs(jitter)
                .setProbability(p))
        .build();
  }

  private static FaultSpec error(String method, String code, double rate) {
    return FaultSpec.newBuilder()
        .setError(ErrorFault.newBuilder().setMethod(method).setCode(code).setRate(rate))
        .build();
  }

  @Test
  void acceptsAValidSpecOfEachKind() {
    assertThat(FaultSpecs.validate(latency("Reserve", 200, 50, 1.0))).as("latency").isEmpty();
    assertThat(FaultSpecs.validate(error("*", "UNAVAILABLE", 0.0))).as("error, rate 0").isEmpty();
    assertThat(
            FaultSpecs.validate(
                FaultSpec.newBuilder()
                    .setConsumer(ConsumerFault.newBuilder().setStall(true))
                    .setDurationMs(1000)
                    .build()))
        .as("stall of every consumer")
        .isEmpty();
    assertThat(
            FaultSpecs.validate(
                FaultSpec.newBuilder()
                    .setPoison(PoisonFault.newBuilder().setTopic("orders").setCount(3))
                    .build()))
        .as("poison")
        .isEmpty();
  }

  @Test
  void rejectsRatesOutsideZeroToOneAndNaN() {
    assertThat(badFields(latency("Reserve", 10, 0, 1.5))).containsExactly("latency.probability");
    assertThat(badFields(error("Reserve", "UNAVAILABLE", -0.1))).containsExactly("error.rate");
    assertThat(badFields(error("Reserve", "UNAVAILABLE", Double.NaN)))
        .as("NaN rate")
        .containsExactly("error.rate");
  }

  @Test
  void rejectsMillisecondsOutOfRangeAndALatencyOfNothing() {
    assertThat(badFields(latency("Reserve", 600_001, -1, 1)))
        .containsExactly("latency.fixed_ms", "latency.jitter_ms");
    assertThat(badFields(latency("Reserve", 0, 0, 1))).containsExactly("latency.fixed_ms");
    assertThat(
            badFields(
                FaultSpec.newBuilder()
                    .setConsumer(ConsumerFault.newBuilder().setDelayMs(700_000))
                    .build()))
        .containsExactly("consumer.delay_ms");
    assertThat(badFields(latency("Reserve", 10, 0, 1).toBuilder().setDurationMs(-1).build()))
        .containsExactly("duration_ms");
  }

  @Test
  void rejectsUnknownCodeNamesAndOk() {
    assertThat(badFields(error("Reserve", "NOPE", 1))).containsExactly("error.code");
    assertThat(badFields(error("Reserve", "unavailable", 1)))
        .as("lower case")
        .containsExactly("error.code");
    assertThat(badFields(error("Reserve", "OK", 1))).as("OK").containsExactly("error.code");
  }

  @Test
  void rejectsUnknownTopicsEmptyMethodsAndAMissingKind() {
    assertThat(
            badFields(
                FaultSpec.newBuilder()
                    .setPoison(PoisonFault.newBuilder().setTopic("orderz").setCount(0))
                    .build()))
        .containsExactly("poison.topic", "poison.count");
    assertThat(
            badFields(
                FaultSpec.newBuilder()
                    .setConsumer(ConsumerFault.newBuilder().setTopic("nope").setStall(true))
                    .build()))
        .containsExactly("consumer.topic");
    assertThat(badFields(error("", "UNAVAILABLE", 1))).containsExactly("error.method");
    assertThat(badFields(FaultSpec.getDefaultInstance())).containsExactly("kind");
    assertThat(badFields(FaultSpec.newBuilder().setConsumer(ConsumerFault.newBuilder()).build()))
        .as("consumer fault that does nothing")
        .containsExactly("consumer");
  }

  @Test
  void matchesFullShortServiceWideAndStarPatternsButNeverTheControlPlane() {
    String reserve = "couplinglab.v1.InventoryService/Reserve";
    assertThat(FaultSpecs.methodMatches(reserve, reserve)).as("full name").isTrue();
    assertThat(FaultSpecs.methodMatches("Reserve", reserve)).as("short name").isTrue();
    assertThat(FaultSpecs.methodMatches("Res", reserve)).as("a prefix of the short name").isFalse();
    assertThat(FaultSpecs.methodMatches("couplinglab.v1.InventoryService/*", reserve))
        .as("service/*")
        .isTrue();
    assertThat(FaultSpecs.methodMatches("couplinglab.v1.OrderService/Reserve", reserve))
        .as("same short name, other service")
        .isFalse();
    assertThat(FaultSpecs.methodMatches("*", reserve)).as("*").isTrue();
    for (String control :
        List.of(
            "couplinglab.v1.AdminService/ListFaults",
            "couplinglab.v1.ResilienceService/SetResilience",
            "grpc.health.v1.Health/Check",
            "grpc.reflection.v1.ServerReflection/ServerReflectionInfo")) {
      assertThat(FaultSpecs.methodMatches("*", control)).as("* on %s", control).isFalse();
      assertThat(FaultSpecs.methodMatches(control, control))
          .as("full name of %s", control)
          .isFalse();
    }
  }

  @Test
  void describesFaultsForPeople() {
    assertThat(FaultSpecs.describe(latency("couplinglab.v1.InventoryService/Reserve", 200, 50, 1)))
        .isEqualTo("latency 200±50 ms on couplinglab.v1.InventoryService/Reserve");
    assertThat(FaultSpecs.describe(latency("*", 100, 0, 0.25)))
        .isEqualTo("latency 100 ms on * (probability 0.25)");
    assertThat(FaultSpecs.describe(error("Reserve", "UNAVAILABLE", 0.5)))
        .isEqualTo("error UNAVAILABLE on Reserve (rate 0.5)");
    assertThat(
            FaultSpecs.describe(
                FaultSpec.newBuilder()
                    .setConsumer(ConsumerFault.newBuilder().setTopic("orders").setStall(true))
                    .build()))
        .isEqualTo("the consumer of orders stalled");
  }
}
