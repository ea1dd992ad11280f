package dev.couplinglab.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.ErrorFault;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.LatencyFault;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FaultRegistryTest {

  private static final String RESERVE = "couplinglab.v1.InventoryService/Reserve";
  private static final String GET_STOCK = "couplinglab.v1.InventoryService/GetStock";

  /** A clock the test moves by hand. */
  private static final class ManualClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();
  private final FaultRegistry registry = new FaultRegistry(clock);

  private static FaultSpec error(String method, double rate, long durationMs) {
    return FaultSpec.newBuilder()
        .setError(ErrorFault.newBuilder().setMethod(method).setCode("UNAVAILABLE").setRate(rate))
        .setDurationMs(durationMs)
        .build();
  }

  private static FaultSpec latency(String method, int fixedMs) {
    return FaultSpec.newBuilder()
        .setLatency(
            LatencyFault.newBuilder().setMethod(method).setFixedMs(fixedMs).setProbability(1))
        .build();
  }

  private long fired(String id) {
    return registry.list().stream()
        .filter(f -> f.getId().equals(id))
        .findFirst()
        .orElseThrow()
        .getFired();
  }

  @Test
  void startsEmptyAndRefusesAnInvalidSpec() {
    assertThat(registry.isEmpty()).as("new registry").isTrue();
    assertThat(registry.errorFor(RESERVE)).as("no error without faults").isNull();
    assertThat(registry.latencyFor(RESERVE)).as("no latency without faults").isZero();
    assertThatThrownBy(() -> registry.add(error("", 1, 0)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.isEmpty()).as("after a refused spec").isTrue();
  }

  @Test
  void anErrorFaultAnswersMatchingMethodsAndCountsEachFiring() {
    Fault fault = registry.add(error("Reserve", 1.0, 0));

    Status status = registry.errorFor(RESERVE);
    registry.errorFor(RESERVE);
    Status other = registry.errorFor(GET_STOCK);

    assertThat(status.getCode()).as("code").isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(status.getDescription())
        .as("description")
        .isEqualTo("injected fault " + fault.getId());
    assertThat(other).as("a method the fault does not select").isNull();
    assertThat(fired(fault.getId())).as("fired").isEqualTo(2);
  }

  @Test
  void rateZeroNeverFires() {
    Fault fault = registry.add(error("*", 0.0, 0));
    for (int i = 0; i < 1000; i++) {
      assertThat(registry.errorFor(RESERVE)).as("call %d", i).isNull();
    }
    assertThat(fired(fault.getId())).as("fired").isZero();
  }

  @Test
  void latencyFaultsAddUpAndCount() {
    Fault a = registry.add(latency("Reserve", 200));
    Fault b = registry.add(latency("*", 50));

    assertThat(registry.latencyFor(RESERVE)).as("both apply").isEqualTo(250);
    assertThat(registry.latencyFor(GET_STOCK)).as("only *").isEqualTo(50);
    assertThat(fired(a.getId())).as("fired of Reserve latency").isEqualTo(1);
    assertThat(fired(b.getId())).as("fired of * latency").isEqualTo(2);
  }

  @Test
  void expiredFaultsStopActingAndLeaveTheList() {
    Fault shortLived = registry.add(error("Reserve", 1.0, 1000));
    Fault forever = registry.add(latency("Reserve", 10));
    assertThat(shortLived.getExpiresAtMicros() - shortLived.getCreatedAtMicros())
        .as("expiry after the duration, in micros")
        .isEqualTo(1_000_000);
    assertThat(forever.getExpiresAtMicros()).as("no expiry").isZero();

    clock.advance(Duration.ofMillis(999));
    assertThat(registry.errorFor(RESERVE)).as("just before expiry").isNotNull();

    clock.advance(Duration.ofMillis(1));
    assertThat(registry.errorFor(RESERVE)).as("at expiry").isNull();
    assertThat(registry.list()).extracting(Fault::getId).containsExactly(forever.getId());
  }

  @Test
  void clearsOneByIdOrAll() {
    Fault a = registry.add(error("Reserve", 1.0, 0));
    Fault b = registry.add(latency("Reserve", 10));
    Fault c = registry.add(latency("GetStock", 10));

    assertThat(registry.clear("f-nope")).as("unknown id").isZero();
    assertThat(registry.clear(a.getId())).as("by id").isEqualTo(1);
    assertThat(registry.list()).extracting(Fault::getId).containsExactly(b.getId(), c.getId());
    assertThat(registry.clear("")).as("all").isEqualTo(2);
    assertThat(registry.isEmpty()).as("after clearing all").isTrue();
  }

  @Test
  void consumerFaultsApplyToTheirTopicOrToEveryTopic() {
    Fault stall =
        registry.add(
            FaultSpec.newBuilder()
                .setConsumer(ConsumerFault.newBuilder().setTopic("orders").setStall(true))
                .build());
    Fault delay =
        registry.add(
            FaultSpec.newBuilder().setConsumer(ConsumerFault.newBuilder().setDelayMs(30)).build());

    assertThat(registry.consumerStalled("orders")).as("orders stalled").isTrue();
    assertThat(registry.consumerStalled("inventory")).as("inventory stalled").isFalse();
    assertThat(registry.consumerStallActive("orders")).as("stall check, not counted").isTrue();
    assertThat(registry.consumerDelayMs("inventory")).as("delay on any topic").isEqualTo(30);
    assertThat(fired(stall.getId())).as("held polls counted").isEqualTo(1);
    assertThat(fired(delay.getId())).as("delayed records counted").isEqualTo(1);
  }
}
