package dev.couplinglab.experiment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExperimentParserTest {

  private static final String FULL =
      """
      name: inventory-slow
      description: Reserve gets slow.
      load: {rate: 40, duration: 30s, styles: [sync, async], sku: SKU-BREAD, quantity: 2, deadline: 3s}
      timeline:
        - {at: 10s, fault: pause, target: inventory-service, for: 20s}
        - {at: 5s, fault: latency, target: inventory-service, method: Reserve, fixed: 200ms, jitter: 50ms, for: 30s}
        - {at: 1s, fault: error, target: inventory-service, method: Reserve, code: UNAVAILABLE, rate: 0.5}
        - {at: 2s, fault: poison, target: order-service, topic: orders, count: 3}
        - {at: 3s, fault: slow-consumer, target: inventory-service, delay: 100ms, for: 5s}
        - {at: 4s, fault: partition, target: inventory-service, peer: order-service, for: 5s}
      resilience: {deadline: 1500ms, max_attempts: 3, circuit_breaker: true, bulkhead: 20}
      recovery: {timeout: 2m}
      expectations: {sync_errors_during_fault: true, async_accept_errors: 0, ledger_clean: true}
      """;

  @Test
  void readsEveryFieldOfAFullFile() {
    Experiment e = ExperimentParser.parse(FULL);

    assertThat(e.name()).isEqualTo("inventory-slow");
    assertThat(e.load())
        .isEqualTo(
            new LoadSpec(
                40,
                Duration.ofSeconds(30),
                List.of(RunStyle.SYNC, RunStyle.ASYNC),
                "SKU-BREAD",
                2,
                Duration.ofSeconds(3)));
    assertThat(e.timeline()).hasSize(6);
    FaultStep latency = e.timeline().get(1);
    assertThat(latency.fault()).isEqualTo(FaultKind.LATENCY);
    assertThat(latency.method()).isEqualTo("Reserve");
    assertThat(latency.fixed()).isEqualTo(Duration.ofMillis(200));
    assertThat(latency.jitter()).isEqualTo(Duration.ofMillis(50));
    assertThat(latency.lasting()).isEqualTo(Duration.ofSeconds(30));
    FaultStep error = e.timeline().get(2);
    assertThat(error.code()).isEqualTo("UNAVAILABLE");
    assertThat(error.rate()).isEqualTo(0.5);
    assertThat(error.lasting()).as("no 'for': until the end of the load").isNull();
    assertThat(e.timeline().get(3).count()).isEqualTo(3);
    assertThat(e.timeline().get(4).delay()).isEqualTo(Duration.ofMillis(100));
    assertThat(e.timeline().get(5).peer()).isEqualTo("order-service");
    assertThat(e.timeline().get(5).describe())
        .isEqualTo("partition inventory-service from order-service for 5s");
    assertThat(latency.describe())
        .isEqualTo("latency inventory-service Reserve +200ms ±50ms for 30s");
    assertThat(e.resilience())
        .isEqualTo(new ResilienceSettings(Duration.ofMillis(1500), 3, true, 20));
    assertThat(e.recoveryTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(e.expectations()).isEqualTo(new Expectations(true, 0, true));
  }

  @Test
  void readsTheEntryPool() {
    assertThat(ExperimentParser.parse("name: x\nresilience: {entry_pool: shared}\n").resilience())
        .as("shared")
        .extracting(ResilienceSettings::sharedEntryPool)
        .isEqualTo(true);
    assertThat(
            ExperimentParser.parse("name: x\nresilience: {entry_pool: per-style}\n").resilience())
        .as("per-style")
        .extracting(ResilienceSettings::sharedEntryPool)
        .isEqualTo(false);
    assertThat(ExperimentParser.parse("name: x\n").resilience().sharedEntryPool())
        .as("default: each style its own pool")
        .isFalse();
  }

  @Test
  void readsTheRepairSettingDurableByDefaultAndRefusesAnUnknownOne() {
    Experiment naive = ExperimentParser.parse("name: naive\nresilience: {repair: none}\n");
    Experiment durable = ExperimentParser.parse("name: d\nresilience: {repair: DURABLE}\n");
    Experiment unsaid = ExperimentParser.parse("name: unsaid\n");

    assertThat(naive.resilience().repair()).as("none").isEqualTo(ResilienceSettings.Repair.NONE);
    assertThat(durable.resilience().repair())
        .as("durable, any case")
        .isEqualTo(ResilienceSettings.Repair.DURABLE);
    assertThat(unsaid.resilience().repair())
        .as("order-service's default")
        .isEqualTo(ResilienceSettings.Repair.DURABLE);
    assertThatThrownBy(() -> ExperimentParser.parse("name: x\nresilience: {repair: maybe}\n"))
        .as("unknown mode")
        .isInstanceOf(ExperimentException.class)
        .hasMessageContaining("resilience.repair: expected none or durable");
  }

  @Test
  void fillsDefaultsForAMinimalFile() {
    Experiment e = ExperimentParser.parse("name: baseline\n");

    assertThat(e.load().rate()).isEqualTo(50);
    assertThat(e.load().rateSpec()).isEqualTo(new Rate.Fixed(50));
    assertThat(e.load().duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(e.load().styles()).containsExactly(RunStyle.SYNC, RunStyle.ASYNC);
    assertThat(e.load().sku()).isEqualTo("SKU-APPLE");
    assertThat(e.load().quantity()).isEqualTo(1);
    assertThat(e.load().deadline()).isEqualTo(Duration.ofSeconds(5));
    assertThat(e.timeline()).isEmpty();
    assertThat(e.resilience()).isEqualTo(ResilienceSettings.defaults());
    assertThat(e.recoveryTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(e.expectations()).isEqualTo(Expectations.none());
  }

  @ParameterizedTest(name = "rate: {0}")
  @CsvSource({"30, 30", "30.5, 30.5", "'\"12\"', 12"})
  void readsAFixedRateAsOrdersPerSecond(String rate, double perSecond) {
    Experiment e = ExperimentParser.parse("name: x\nload: {rate: " + rate + "}\n");

    assertThat(e.load().rateSpec()).as("rate " + rate).isEqualTo(new Rate.Fixed(perSecond));
    assertThat(e.load().rate()).as("orders/s per style").isEqualTo(perSecond);
  }

  @ParameterizedTest(name = "rate: {0}")
  @CsvSource({"30%, 30", "2.5%, 2.5", "150%, 150"})
  void readsAPercentageAsAShareOfCapacityAboveHundredIncluded(String rate, double percent) {
    Experiment e = ExperimentParser.parse("name: x\nload: {rate: " + rate + "}\n");

    assertThat(e.load().rateSpec()).as("rate " + rate).isEqualTo(new Rate.ShareOfCapacity(percent));
    assertThat(e.load().rateSpec().text()).as("written back as typed").isEqualTo(rate);
    assertThatThrownBy(() -> e.load().rate())
        .as("a share has no rate until resolved")
        .isInstanceOf(IllegalStateException.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "description: no name | name: is required",
        "name: 'a b' | name: must be 1 to 64 of [A-Za-z0-9._-], was 'a b'",
        "name: x\\nspeed: 3 | speed: unknown field (expected one of description, expectations, load, name, recovery, resilience, timeline)",
        "name: x\\nload: {rate: fast} | load.rate: expected a number or a percentage like 30%, was \"fast\"",
        "name: x\\nload: {rate: 0} | load.rate: must be from 0.1 to 10000 orders/s, was 0",
        "name: x\\nload: {rate: -5} | load.rate: must be from 0.1 to 10000 orders/s, was -5",
        "name: x\\nload: {rate: 0%} | load.rate: a share of capacity must be above 0% and at most 1000%, was 0%",
        "name: x\\nload: {rate: 1200%} | load.rate: a share of capacity must be above 0% and at most 1000%, was 1200%",
        "name: x\\nload: {duration: 10} | load.duration: expected a duration like 500ms, 10s or 2m, got '10'",
        "name: x\\nload: {styles: [sync, grpc]} | load.styles: expected sync and/or async, got 'grpc'",
        "name: x\\nload: {styles: [sync, sync]} | load.styles: 'sync' is listed twice",
        "name: x\\nload: {quantity: 1.5} | load.quantity: expected a whole number, got '1.5'",
        "name: x\\nload: {quantity: 0} | load.quantity: must be from 1 to 1000, was 0",
        "name: x\\nload: {rat: 5} | load.rat: unknown field (expected one of deadline, duration, quantity, rate, sku, styles)",
        "name: x\\nload: [1] | load: expected a mapping of fields",
        "name: x\\ntimeline: [{at: 1s, fault: melt, target: kafka}] | timeline[0].fault: unknown fault 'melt' (expected one of kill, stop, pause, restart, partition, latency, error, slow-consumer, stall-consumer, poison)",
        "name: x\\ntimeline: [{fault: kill, target: kafka}] | timeline[0].at: is required (a duration like 500ms, 10s, 2m)",
        "name: x\\ntimeline: [{at: 1s, fault: kill}] | timeline[0].target: is required",
        "name: x\\ntimeline: [{at: 1s, fault: kill, target: 'Bad Name'}] | timeline[0].target: expected a service or broker name like inventory-service",
        "name: x\\ntimeline: [{at: 1s, fault: latency, target: a, for: 1s}] | timeline[0].fixed: is required (a duration like 500ms, 10s, 2m)",
        "name: x\\ntimeline: [{at: 1s, fault: latency, target: a, fixed: 1s, jitter: soon}] | timeline[0].jitter: expected a duration like 500ms, 10s or 2m, got 'soon'",
        "name: x\\ntimeline: [{at: 1s, fault: error, target: a}] | timeline[0].code: is required",
        "name: x\\ntimeline: [{at: 1s, fault: error, target: a, code: BROKEN}] | timeline[0].code: expected a gRPC status name like UNAVAILABLE, got 'BROKEN'",
        "name: x\\ntimeline: [{at: 1s, fault: error, target: a, code: UNAVAILABLE, rate: 2}] | timeline[0].rate: must be from 0.001 to 1, was 2",
        "name: x\\ntimeline: [{at: 1s, fault: kill, target: a, fixed: 1s}] | timeline[0].fixed: does not apply to fault 'kill'",
        "name: x\\ntimeline: [{at: 1s, fault: restart, target: a, for: 5s}] | timeline[0].for: restart happens once, drop 'for'",
        "name: x\\ntimeline: [{at: 1s, fault: poison, target: a, count: 0}] | timeline[0].count: must be from 1 to 10000, was 0",
        "name: x\\ntimeline: [{at: 1s, fault: slow-consumer, target: a}] | timeline[0].delay: is required (a duration like 500ms, 10s, 2m)",
        "name: x\\ntimeline: [{at: 1s, fault: kill, target: a, peer: b}] | timeline[0].peer: does not apply to fault 'kill'",
        "name: x\\nresilience: {max_attempts: 0} | resilience.max_attempts: must be from 1 to 10, was 0",
        "name: x\\nresilience: {circuit_breaker: maybe} | resilience.circuit_breaker: expected true or false, got 'maybe'",
        "name: x\\nresilience: {deadline: 0ms} | resilience.deadline: must be at least 1ms",
        "name: x\\nresilience: {entry_pool: one} | resilience.entry_pool: expected per-style or shared, got 'one'",
        "name: x\\nrecovery: {timeout: long} | recovery.timeout: expected a duration like 500ms, 10s or 2m, got 'long'",
        "name: x\\nexpectations: {ledger_clean: yes please} | expectations.ledger_clean: expected true or false, got 'yes please'",
        "name: x\\nexpectations: {async_accept_errors: -1} | expectations.async_accept_errors: must be from 0 to 2147483647, was -1",
      })
  void namesTheBadFieldInOneLine(String yaml, String message) {
    assertThatThrownBy(() -> ExperimentParser.parse(yaml.replace("\\n", "\n")))
        .isInstanceOf(ExperimentException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(e.getMessage()).as("one line").doesNotContain("\n"));
  }

  @Test
  void reportsBrokenYamlInOneLine() {
    assertThatThrownBy(() -> ExperimentParser.parse("name: [unclosed"))
        .isInstanceOf(ExperimentException.class)
        .hasMessageStartingWith("not valid YAML: ")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void refusesYamlTagsThatWouldBuildObjects() {
    assertThatThrownBy(() -> ExperimentParser.parse("name: !!java.io.File x\n"))
        .as("safe constructor: no arbitrary types")
        .isInstanceOf(ExperimentException.class)
        .hasMessageStartingWith("not valid YAML");
  }
}
