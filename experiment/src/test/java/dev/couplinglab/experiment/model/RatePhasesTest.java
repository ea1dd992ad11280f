package dev.couplinglab.experiment.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RatePhasesTest {

  private static final String OVERLOAD =
      """
      name: overload
      load:
        rate:
          phases:
            - {at: 0s, rate: 50%}
            - {at: 20s, rate: 300%, overload: true}
            - {at: 40s, rate: 40}
        duration: 90s
      expectations:
        status_during_fault:
          - {style: sync, code: RESOURCE_EXHAUSTED, at_least: 30%}
          - {style: async, code: OK, at_most: 99.5%}
        recovered_within: 20s
      """;

  @Test
  void readsPhasesInOrderWithTheirRatesAndTheOverloadMark() {
    Experiment e = ExperimentParser.parse(OVERLOAD);

    assertThat(e.load().rateSpec())
        .isEqualTo(
            new Rate.Phased(
                List.of(
                    new RatePhase(Duration.ZERO, new Rate.ShareOfCapacity(50), false),
                    new RatePhase(Duration.ofSeconds(20), new Rate.ShareOfCapacity(300), true),
                    new RatePhase(Duration.ofSeconds(40), new Rate.Fixed(40), false))));
    assertThat(e.load().phased()).isTrue();
    assertThat(e.load().rateSpec().text())
        .as("the schedule as the report states it")
        .isEqualTo("50% from 0s, 300% from 20s (planned overload), 40/s from 40s");
    assertThat(e.load().rateSpec().needsCapacity()).as("a share in a phase").isTrue();
    assertThatThrownBy(() -> e.load().rate()).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resolvesEveryShareAgainstTheCapacityAndKeepsFixedPhases() {
    Rate resolved = ExperimentParser.parse(OVERLOAD).load().rateSpec().fixedAgainst(75);

    assertThat(resolved.phases())
        .extracting(p -> p.rate())
        .as("50% and 300% of 75/s, then the fixed 40/s")
        .containsExactly(new Rate.Fixed(37.5), new Rate.Fixed(225), new Rate.Fixed(40));
    assertThat(resolved.phases())
        .extracting(RatePhase::overload)
        .containsExactly(false, true, false);
    assertThat(resolved.needsCapacity()).isFalse();
    assertThat(resolved.resolve(Double.NaN)).as("the highest phase").isEqualTo(225);
  }

  @Test
  void readsTheStatusAndRecoveryExpectations() {
    Expectations x = ExperimentParser.parse(OVERLOAD).expectations();

    assertThat(x.statusDuringFault())
        .containsExactly(
            new StatusShare(RunStyle.SYNC, "RESOURCE_EXHAUSTED", 30.0, null),
            new StatusShare(RunStyle.ASYNC, "OK", null, 99.5));
    assertThat(x.statusDuringFault().get(0).describe())
        .isEqualTo("sync RESOURCE_EXHAUSTED at least 30%");
    assertThat(x.recoveredWithin()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void aConstantRateIsOnePhaseFromZero() {
    Rate rate = new Rate.Fixed(50);

    assertThat(rate.phases()).containsExactly(new RatePhase(Duration.ZERO, rate, false));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{phases: []} | load.rate.phases: list at least one phase, e.g. [{at: 0s, rate: 50%}]",
        "{ramp: []} | load.rate.ramp: unknown field (expected one of phases)",
        "{phases: [{at: 5s, rate: 10}]} | load.rate.phases[0].at: the first phase must start at 0s, was 5s",
        "{phases: [{at: 0s, rate: 10}, {at: 20s, rate: 30}, {at: 10s, rate: 10}]} | load.rate.phases[2].at: 10s is not after the previous phase's 20s (list the phases in time order)",
        "{phases: [{at: 0s, rate: 10}, {at: 0s, rate: 30}]} | load.rate.phases[1].at: 0s is not after the previous phase's 0s (list the phases in time order)",
        "{phases: [{at: 0s, rate: 10}, {at: 30s, rate: 30}]} | load.rate.phases[1].at: 30s is not before the end of the load (load.duration 30s)",
        "{phases: [{at: 0s, rate: -5}]} | load.rate.phases[0].rate: must be from 0.1 to 10000 orders/s, was -5",
        "{phases: [{at: 0s, rate: -5%}]} | load.rate.phases[0].rate: a share of capacity must be above 0% and at most 1000%, was -5%",
        "{phases: [{at: 0s}]} | load.rate.phases[0].rate: is required (orders/s or a share like 50%)",
        "{phases: [{rate: 10}]} | load.rate.phases[0].at: is required (a duration like 500ms, 10s, 2m)",
        "{phases: [{at: -1s, rate: 10}]} | load.rate.phases[0].at: expected a duration like 500ms, 10s or 2m, got '-1s'",
        "{phases: [{at: 0s, rate: 10, overload: often}]} | load.rate.phases[0].overload: expected true or false, got 'often'",
        "{phases: [{at: 0s, rate: 10, burst: 3}]} | load.rate.phases[0].burst: unknown field (expected one of at, overload, rate)",
        "{phases: [{at: 0s, rate: {phases: []}}]} | load.rate.phases[0].rate: expected a number or a percentage like 30%, not phases in phases",
      })
  void namesTheBadPhaseInOneLine(String rate, String message) {
    String yaml = "name: x\nload:\n  duration: 30s\n  rate: " + rate + "\n";
    assertThatThrownBy(() -> ExperimentParser.parse(yaml))
        .isInstanceOf(ExperimentException.class)
        .hasMessage(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "timeline: [{at: 1s, fault: overload, target: order-service}] | timeline[0].fault: an overload is made by the load, not the timeline: mark a phase of load.rate.phases with overload: true",
        "expectations: {status_during_fault: [{style: sync, code: SHED, at_least: 5%}]} | expectations.status_during_fault[0].code: expected a gRPC status name like RESOURCE_EXHAUSTED (OK: accepted), got 'SHED'",
        "expectations: {status_during_fault: [{style: sync, code: OK}]} | expectations.status_during_fault[0].at_least: give at_least or at_most (e.g. 30%)",
        "expectations: {status_during_fault: [{style: sync, code: OK, at_most: 120%}]} | expectations.status_during_fault[0].at_most: expected a percentage from 0% to 100%, got '120%'",
        "expectations: {status_during_fault: [{style: grpc, code: OK, at_most: 5%}]} | expectations.status_during_fault[0].style: expected sync or async, got 'grpc'",
        "expectations: {recovered_within: soon} | expectations.recovered_within: expected a duration like 500ms, 10s or 2m, got 'soon'",
      })
  void namesTheBadOverloadFieldInOneLine(String line, String message) {
    assertThatThrownBy(() -> ExperimentParser.parse("name: x\n" + line + "\n"))
        .isInstanceOf(ExperimentException.class)
        .hasMessage(message);
  }
}
