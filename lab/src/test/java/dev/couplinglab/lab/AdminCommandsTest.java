package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The admin commands' options (durations, status codes, on/off) as they reach a real gRPC server
 * with fixed answers, with the token in the authorization header.
 */
class AdminCommandsTest {

  @TempDir Path runDir;

  private FakeAdminService admin;

  @BeforeEach
  void start() throws Exception {
    admin = new FakeAdminService();
  }

  @AfterEach
  void stop() throws Exception {
    admin.close();
  }

  private LabRunner.Result lab(String token, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", admin.address()));
    return LabRunner.run(
        Map.of("LAB_RUN_DIR", runDir.toString(), "LAB_TARGET", "local", "LAB_ADMIN_TOKEN", token),
        all.toArray(String[]::new));
  }

  @Test
  void latencyFaultCarriesMillisecondsMethodAndDurationWithTheBearerToken() {
    LabRunner.Result r =
        lab(
            FakeAdminService.TOKEN,
            "fault",
            "latency",
            "inventory",
            "--method",
            "Reserve",
            "--fixed",
            "1.5s",
            "--jitter",
            "50ms",
            "--probability",
            "0.5",
            "--for",
            "30s");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(admin.injected).as("one spec").hasSize(1);
    FaultSpec spec = admin.injected.get(0);
    assertThat(spec.getLatency().getMethod()).as("method").isEqualTo("Reserve");
    assertThat(spec.getLatency().getFixedMs()).as("1.5s in ms").isEqualTo(1500);
    assertThat(spec.getLatency().getJitterMs()).as("jitter").isEqualTo(50);
    assertThat(spec.getLatency().getProbability()).as("probability").isEqualTo(0.5);
    assertThat(spec.getDurationMs()).as("--for").isEqualTo(30_000);
    assertThat(admin.authorizations)
        .as("token sent as a bearer")
        .containsExactly("Bearer " + FakeAdminService.TOKEN);
    assertThat(r.out())
        .as("one line with id and description")
        .isEqualTo(
            "inventory-service fault f-00000001 injected: described by the service, until"
                + " cleared\n");
  }

  @Test
  void latencyWithoutMethodAppliesToEveryMethodUntilCleared() {
    LabRunner.Result r =
        lab(FakeAdminService.TOKEN, "fault", "latency", "order", "--fixed", "200ms");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(admin.injected.get(0).getLatency().getMethod()).as("every method").isEqualTo("*");
    assertThat(admin.injected.get(0).getDurationMs()).as("until cleared").isZero();
    assertThat(admin.injected.get(0).getLatency().getProbability()).as("default").isEqualTo(1.0);
  }

  @Test
  void errorCodeIsReadInAnyCaseAndRateDefaultsToOne() {
    LabRunner.Result r =
        lab(FakeAdminService.TOKEN, "fault", "error", "inventory", "--code", "unavailable");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(admin.injected.get(0).getError().getCode()).as("code").isEqualTo("UNAVAILABLE");
    assertThat(admin.injected.get(0).getError().getRate()).as("rate").isEqualTo(1.0);
  }

  @Test
  void refusesOkAndUnknownStatusCodesAsBadUsage() {
    LabRunner.Result ok =
        lab(FakeAdminService.TOKEN, "fault", "error", "inventory", "--code", "OK");
    LabRunner.Result unknown =
        lab(FakeAdminService.TOKEN, "fault", "error", "inventory", "--code", "BROKEN");

    assertThat(ok.exitCode()).as("OK is not an error").isEqualTo(2);
    assertThat(unknown.exitCode()).as("unknown code").isEqualTo(2);
    assertThat(unknown.err()).as("names the option").contains("--code must be a gRPC status name");
    assertThat(admin.injected).as("nothing sent").isEmpty();
  }

  @Test
  void refusesBadDurationsAndRatesAsBadUsage() {
    LabRunner.Result duration =
        lab(FakeAdminService.TOKEN, "fault", "latency", "inventory", "--fixed", "fast");
    LabRunner.Result rate =
        lab(
            FakeAdminService.TOKEN,
            "fault",
            "error",
            "inventory",
            "--code",
            "INTERNAL",
            "--rate",
            "2");
    LabRunner.Result broker =
        lab(FakeAdminService.TOKEN, "fault", "latency", "kafka", "--fixed", "1s");

    assertThat(duration.exitCode()).as("bad duration; err: " + duration.err()).isEqualTo(2);
    assertThat(rate.exitCode()).as("rate above 1").isEqualTo(2);
    assertThat(broker.exitCode()).as("a broker has no admin API").isEqualTo(2);
    assertThat(admin.injected).as("nothing sent").isEmpty();
  }

  @Test
  void consumerAndPoisonFaultsCarryTheirFields() {
    lab(
        FakeAdminService.TOKEN,
        "fault",
        "slow-consumer",
        "inventory",
        "--delay",
        "100ms",
        "--topic",
        "orders");
    lab(FakeAdminService.TOKEN, "fault", "stall-consumer", "notification", "--for", "10s");
    LabRunner.Result poison =
        lab(FakeAdminService.TOKEN, "fault", "poison", "order", "--count", "3");

    assertThat(admin.injected).as("three specs").hasSize(3);
    assertThat(admin.injected.get(0).getConsumer().getDelayMs()).as("delay").isEqualTo(100);
    assertThat(admin.injected.get(0).getConsumer().getTopic()).as("topic").isEqualTo("orders");
    assertThat(admin.injected.get(1).getConsumer().getStall()).as("stall").isTrue();
    assertThat(admin.injected.get(1).getConsumer().getTopic()).as("every consumer").isEmpty();
    assertThat(admin.injected.get(1).getDurationMs()).as("for").isEqualTo(10_000);
    assertThat(admin.injected.get(2).getPoison().getTopic())
        .as("order-service's own topic by default")
        .isEqualTo("orders");
    assertThat(admin.injected.get(2).getPoison().getCount()).as("count").isEqualTo(3);
    assertThat(poison.out()).as("records written").contains("(3 written)");
  }

  @Test
  void wrongTokenIsOneErrorLineAndExitOne() {
    LabRunner.Result r = lab("not-the-token", "fault", "latency", "inventory", "--fixed", "1s");

    assertThat(r.exitCode()).as("exit").isEqualTo(1);
    assertThat(r.err()).as("one line").isEqualTo("error: PERMISSION_DENIED: wrong admin token\n");
  }

  @Test
  void resilienceSetSendsOnlyTheGivenFields() {
    LabRunner.Result r =
        lab(
            FakeAdminService.TOKEN,
            "resilience",
            "set",
            "--deadline",
            "2s",
            "--breaker",
            "on",
            "--bulkhead",
            "off");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    ResilienceSettings sent = admin.settings.get(0);
    assertThat(sent.getInventoryDeadlineMs()).as("deadline").isEqualTo(2000);
    assertThat(sent.getNotificationDeadlineMs()).as("both deadlines").isEqualTo(2000);
    assertThat(sent.getCircuitBreakerEnabled()).as("on").isTrue();
    assertThat(sent.hasBulkheadEnabled() && !sent.getBulkheadEnabled()).as("bulkhead off").isTrue();
    assertThat(sent.hasMaxAttempts()).as("attempts untouched").isFalse();
    assertThat(sent.hasMaxConcurrent()).as("max concurrent untouched").isFalse();
    assertThat(sent.hasOpenMs()).as("open untouched").isFalse();
    assertThat(r.out()).as("shows the result").contains("circuit breaker").contains("on (");
  }

  @Test
  void resilienceSetReadsBulkheadSizeBackoffAndOpen() {
    LabRunner.Result r =
        lab(
            FakeAdminService.TOKEN,
            "resilience",
            "set",
            "--bulkhead",
            "20",
            "--backoff",
            "0ms",
            "--open",
            "5s",
            "--max-attempts",
            "3",
            "--failure-rate",
            "40",
            "--breaker",
            "off");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    ResilienceSettings sent = admin.settings.get(0);
    assertThat(sent.getBulkheadEnabled()).as("bulkhead on").isTrue();
    assertThat(sent.getMaxConcurrent()).as("size").isEqualTo(20);
    assertThat(sent.hasBackoffMs() && sent.getBackoffMs() == 0).as("zero backoff").isTrue();
    assertThat(sent.getOpenMs()).as("open").isEqualTo(5000);
    assertThat(sent.getMaxAttempts()).as("attempts").isEqualTo(3);
    assertThat(sent.getFailureRateThreshold()).as("rate").isEqualTo(40);
    assertThat(sent.hasCircuitBreakerEnabled() && !sent.getCircuitBreakerEnabled())
        .as("off")
        .isTrue();
  }

  @Test
  void resilienceSetSwitchesTheEntryPool() {
    LabRunner.Result shared =
        lab(FakeAdminService.TOKEN, "resilience", "set", "--entry-pool", "shared");
    LabRunner.Result bad = lab(FakeAdminService.TOKEN, "resilience", "set", "--entry-pool", "one");

    assertThat(shared.exitCode()).as("exit; err: " + shared.err()).isZero();
    ResilienceSettings sent = admin.settings.get(0);
    assertThat(sent.hasSharedEntryPool() && sent.getSharedEntryPool()).as("shared").isTrue();
    assertThat(sent.hasBulkheadEnabled()).as("bulkhead untouched").isFalse();
    assertThat(bad.exitCode()).as("bad pool").isEqualTo(2);
    assertThat(bad.err()).as("says what it expects").contains("expected per-style or shared");
    assertThat(admin.settings).as("only the good one sent").hasSize(1);
  }

  @Test
  void resilienceSetRefusesBadOnOffAndNoFields() {
    LabRunner.Result bad = lab(FakeAdminService.TOKEN, "resilience", "set", "--breaker", "maybe");
    LabRunner.Result none = lab(FakeAdminService.TOKEN, "resilience", "set");

    assertThat(bad.exitCode()).as("bad on/off").isEqualTo(2);
    assertThat(bad.err()).as("says what it expects").contains("expected on or off");
    assertThat(none.exitCode()).as("nothing to set").isEqualTo(2);
    assertThat(admin.settings).as("nothing sent").isEmpty();
  }

  @Test
  void resilienceShowsSettingsAndCounters() {
    LabRunner.Result r = lab(FakeAdminService.TOKEN, "resilience");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(r.out())
        .as("settings and counters")
        .contains("inventory deadline")
        .contains("2000 ms")
        .contains("entry pool")
        .contains("counters: retries 0");
  }

  @Test
  void resilienceSetSendsTheRepairModeAndRefusesAnUnknownOne() {
    LabRunner.Result r = lab(FakeAdminService.TOKEN, "resilience", "set", "--repair", "none");
    LabRunner.Result bad = lab(FakeAdminService.TOKEN, "resilience", "set", "--repair", "maybe");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(admin.settings).as("one Set sent").hasSize(1);
    ResilienceSettings sent = admin.settings.get(0);
    assertThat(sent.getRepair()).as("repair").isEqualTo(RepairMode.REPAIR_NONE);
    assertThat(sent.hasMaxAttempts()).as("attempts untouched").isFalse();
    assertThat(r.out()).as("shows the result").contains("none (one best-effort");
    assertThat(bad.exitCode()).as("bad mode").isEqualTo(2);
    assertThat(bad.err()).as("says what it expects").contains("expected none or durable");
  }

  @Test
  void resilienceShowsTheRepairModeAndItsCounters() {
    LabRunner.Result r = lab(FakeAdminService.TOKEN, "resilience");

    assertThat(r.exitCode()).as("exit; err: " + r.err()).isZero();
    assertThat(r.out())
        .as("repair setting and counters")
        .contains("repair")
        .contains("durable (a failed Release or Notify is recorded and retried)")
        .contains("repairs: recorded 0, done 0, pending 0, longest 0 ms");
  }
}
