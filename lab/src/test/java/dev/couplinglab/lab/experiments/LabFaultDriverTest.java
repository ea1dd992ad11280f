package dev.couplinglab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.timeline.FaultHandle;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.fault.FaultState;
import dev.couplinglab.lab.fault.Faults;
import dev.couplinglab.lab.target.Target;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each kind of timeline step maps to the right admin spec or process action, and its undoing. */
class LabFaultDriverTest {

  private final RecordingFaults faults = new RecordingFaults();
  private final RecordingAdmin admin = new RecordingAdmin();

  private static FaultStep step(String yaml) {
    return ExperimentParser.parse("name: t\ntimeline:\n  - " + yaml + "\n").timeline().get(0);
  }

  private LabFaultDriver driver(Target target) {
    return new LabFaultDriver(target, faults, admin);
  }

  @Test
  void latencyStepIsAnAdminLatencyFaultForItsWindowClearedById() throws Exception {
    FaultHandle handle =
        driver(Target.LOCAL)
            .apply(
                step(
                    "{at: 1s, fault: latency, target: inventory-service, method: Reserve, fixed:"
                        + " 300ms, jitter: 100ms, for: 30s}"));
    driver(Target.LOCAL).undo(handle);

    assertThat(admin.injected).as("one injection").hasSize(1);
    FaultSpec spec = admin.injected.get(0);
    assertThat(admin.services).as("on the step's target").containsExactly("inventory-service");
    assertThat(spec.getLatency().getMethod()).as("method").isEqualTo("Reserve");
    assertThat(spec.getLatency().getFixedMs()).as("fixed").isEqualTo(300);
    assertThat(spec.getLatency().getJitterMs()).as("jitter").isEqualTo(100);
    assertThat(spec.getLatency().getProbability()).as("every call").isEqualTo(1.0);
    assertThat(spec.getDurationMs()).as("duration = for").isEqualTo(30_000);
    assertThat(admin.cleared).as("undo clears by id").containsExactly("inventory-service f-1");
    assertThat(handle.describe()).as("names the fault id").contains("f-1");
    assertThat(faults.calls).as("no process touched").isEmpty();
  }

  @Test
  void errorStepCarriesCodeAndRateAndDefaultsToEveryMethod() throws Exception {
    driver(Target.COMPOSE)
        .apply(step("{at: 1s, fault: error, target: inventory, code: UNAVAILABLE, rate: 0.5}"));

    FaultSpec spec = admin.injected.get(0);
    assertThat(spec.getError().getCode()).as("code").isEqualTo("UNAVAILABLE");
    assertThat(spec.getError().getRate()).as("rate").isEqualTo(0.5);
    assertThat(spec.getError().getMethod()).as("every method").isEqualTo("*");
    assertThat(spec.getDurationMs()).as("until the end of the load: undone then").isZero();
  }

  @Test
  void consumerStepsAndPoisonMapToConsumerAndPoisonSpecs() throws Exception {
    LabFaultDriver driver = driver(Target.LOCAL);
    driver.apply(
        step("{at: 1s, fault: slow-consumer, target: inventory-service, delay: 100ms, for: 5s}"));
    driver.apply(step("{at: 1s, fault: stall-consumer, target: order-service, topic: inventory}"));
    FaultHandle poison =
        driver.apply(step("{at: 1s, fault: poison, target: order-service, count: 5}"));

    assertThat(admin.injected.get(0).getConsumer().getDelayMs()).as("delay").isEqualTo(100);
    assertThat(admin.injected.get(0).getConsumer().getTopic()).as("every consumer").isEmpty();
    assertThat(admin.injected.get(1).getConsumer().getStall()).as("stall").isTrue();
    assertThat(admin.injected.get(1).getConsumer().getTopic()).as("topic").isEqualTo("inventory");
    assertThat(admin.injected.get(2).getPoison().getTopic()).as("own topic").isEqualTo("orders");
    assertThat(admin.injected.get(2).getPoison().getCount()).as("count").isEqualTo(5);
    assertThat(poison)
        .as("instant: nothing to clear")
        .isNotInstanceOf(LabFaultDriver.AdminFault.class);
  }

  @Test
  void processStepsUseTheFaultsAndAreUndoneByTheirOpposite() throws Exception {
    LabFaultDriver driver = driver(Target.LOCAL);
    driver.undo(driver.apply(step("{at: 1s, fault: kill, target: inventory-service, for: 2s}")));
    driver.undo(driver.apply(step("{at: 1s, fault: stop, target: kafka, for: 2s}")));
    driver.undo(driver.apply(step("{at: 1s, fault: pause, target: inventory, for: 2s}")));
    driver.undo(driver.apply(step("{at: 1s, fault: partition, target: order-service, for: 2s}")));
    driver.apply(step("{at: 1s, fault: restart, target: notification-service}"));

    assertThat(faults.calls)
        .as("each fault, then its undoing")
        .containsExactly(
            "kill inventory-service",
            "start inventory-service",
            "stop kafka",
            "start kafka",
            "pause inventory-service",
            "resume inventory-service",
            "partition order-service",
            "heal order-service",
            "stop notification-service",
            "start notification-service");
    assertThat(admin.injected).as("no admin call").isEmpty();
  }

  @Test
  void kafkaOnComposeMeansEveryBroker() throws Exception {
    LabFaultDriver driver = driver(Target.COMPOSE);
    driver.undo(driver.apply(step("{at: 1s, fault: stop, target: kafka, for: 2s}")));

    assertThat(faults.calls)
        .as("three brokers stopped together, then started together: one alone has no quorum")
        .containsExactly(
            "stop together kafka-1 kafka-2 kafka-3", "start together kafka-1 kafka-2 kafka-3");
  }

  @Test
  void partitionWithAPeerSaysWhatItReallyCuts() throws Exception {
    FaultHandle compose =
        driver(Target.COMPOSE)
            .apply(
                step(
                    "{at: 1s, fault: partition, target: inventory-service, peer: order-service,"
                        + " for: 2s}"));
    FaultHandle local =
        driver(Target.LOCAL)
            .apply(
                step(
                    "{at: 1s, fault: partition, target: inventory-service, peer: order-service,"
                        + " for: 2s}"));

    assertThat(compose.describe())
        .as("compose: the whole network")
        .contains("approximation")
        .contains("also loses Kafka");
    assertThat(local.describe()).as("local: every caller of the port").contains("approximation");
  }

  @Test
  void checkRefusesABrokerTheTargetDoesNotHaveAndApplicationFaultsOnABroker() {
    LabFaultDriver local = driver(Target.LOCAL);

    assertThatThrownBy(() -> local.check(List.of(step("{at: 1s, fault: stop, target: kafka-2}"))))
        .as("kafka-2 is compose only")
        .isInstanceOf(LabException.class)
        .hasMessageContaining("compose only");
    assertThatThrownBy(
            () -> local.check(List.of(step("{at: 1s, fault: latency, target: kafka, fixed: 1s}"))))
        .as("no admin API on a broker")
        .isInstanceOf(LabException.class)
        .hasMessageContaining("not a service");
    assertThat(faults.calls).as("check applies nothing").isEmpty();
  }

  /** Records each action as "verb part". */
  private static final class RecordingFaults extends Faults {
    final List<String> calls = new ArrayList<>();

    RecordingFaults() {
      super(Clock.systemUTC());
    }

    private String record(String verb, FaultPart part) {
      calls.add(verb + " " + part.name());
      return part.name() + " " + verb;
    }

    private List<String> together(String verb, List<FaultPart> parts) {
      if (parts.size() == 1) {
        return List.of(record(verb, parts.get(0)));
      }
      calls.add(
          verb + " together " + String.join(" ", parts.stream().map(FaultPart::name).toList()));
      return List.of(verb + " all");
    }

    @Override
    public List<String> stopAll(List<FaultPart> parts) {
      return together("stop", parts);
    }

    @Override
    public List<String> startAll(List<FaultPart> parts) {
      return together("start", parts);
    }

    @Override
    public String where() {
      return "a test";
    }

    @Override
    public FaultState state() {
      throw new UnsupportedOperationException();
    }

    @Override
    public String kill(FaultPart part) {
      return record("kill", part);
    }

    @Override
    public String stop(FaultPart part) {
      return record("stop", part);
    }

    @Override
    public String start(FaultPart part) {
      return record("start", part);
    }

    @Override
    public String pause(FaultPart part) {
      return record("pause", part);
    }

    @Override
    public String resume(FaultPart part) {
      return record("resume", part);
    }

    @Override
    public String partition(FaultPart part) {
      return record("partition", part);
    }

    @Override
    public String heal(FaultPart part) {
      return record("heal", part);
    }

    @Override
    public Optional<String> effect(dev.couplinglab.lab.fault.Fault fault) {
      return Optional.empty();
    }

    @Override
    protected FaultPart part(String name) {
      throw new UnsupportedOperationException();
    }
  }

  /** Records injections and clearings; answers ids f-1, f-2, ... */
  private static final class RecordingAdmin implements AdminPort {
    final List<FaultSpec> injected = new ArrayList<>();
    final List<String> services = new ArrayList<>();
    final List<String> cleared = new ArrayList<>();

    @Override
    public Fault inject(String service, FaultSpec spec) {
      injected.add(spec);
      services.add(service);
      return Fault.newBuilder()
          .setId("f-" + injected.size())
          .setSpec(spec)
          .setDescription("as described")
          .build();
    }

    @Override
    public int clear(String service, String faultId) {
      cleared.add(service + " " + faultId);
      return 1;
    }
  }
}
