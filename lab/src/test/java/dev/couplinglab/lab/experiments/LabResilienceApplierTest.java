package dev.couplinglab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceCounters;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.experiment.model.ResilienceSettings.Repair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabResilienceApplierTest {

  @Test
  void appliesTheExperimentsRepairModeAndReadsItBack() {
    var naive =
        new dev.couplinglab.experiment.model.ResilienceSettings(
            Duration.ofSeconds(2), 1, false, 0, Repair.NONE, true);

    ResilienceSettings sent = LabResilienceApplier.toProto(naive);

    assertThat(sent.getRepair()).as("sent").isEqualTo(RepairMode.REPAIR_NONE);
    assertThat(LabResilienceApplier.fromProto(sent).repair())
        .as("read back")
        .isEqualTo(Repair.NONE);
    assertThat(sent.getSharedEntryPool()).as("entry pool sent").isTrue();
    assertThat(LabResilienceApplier.fromProto(sent)).as("round trip").isEqualTo(naive);
    assertThat(
            LabResilienceApplier.toProto(
                    dev.couplinglab.experiment.model.ResilienceSettings.defaults())
                .getRepair())
        .as("the default")
        .isEqualTo(RepairMode.REPAIR_DURABLE);
  }

  @Test
  void readsTheRepairCounters() {
    List<ResilienceSettings> sets = new ArrayList<>();
    ResilienceSettings now =
        ResilienceSettings.newBuilder()
            .setCounters(
                ResilienceCounters.newBuilder()
                    .setRetries(3)
                    .setRepairsRecorded(7)
                    .setRepairsDone(6)
                    .setRepairsPending(1)
                    .setLongestRepairMs(4200))
            .build();
    LabResilienceApplier applier =
        LabResilienceApplier.applying(
            () -> now,
            s -> {
              sets.add(s);
              return s;
            });

    var counters = applier.counters().orElseThrow();

    assertThat(counters.retries()).as("retries").isEqualTo(3);
    assertThat(counters.repairsRecorded()).as("recorded").isEqualTo(7);
    assertThat(counters.repairsDone()).as("done").isEqualTo(6);
    assertThat(counters.repairsPending()).as("pending").isEqualTo(1);
    assertThat(counters.longestRepairMs()).as("longest").isEqualTo(4200);
    assertThat(sets).as("reading sets nothing").isEmpty();
  }
}
