package dev.couplinglab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.calibrate.Machine;
import dev.couplinglab.experiment.calibrate.SavedCapacity;
import dev.couplinglab.experiment.model.Rate;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class RateBasisTest {

  private static final Machine HERE = new Machine("Test CPU", 2600, 2);

  private static Optional<SavedCapacity> saved(double capacity, String machine) {
    return Optional.of(
        new SavedCapacity(
            OptionalDouble.of(capacity),
            "local",
            Instant.parse("2026-11-27T07:00:00Z"),
            machine,
            "sync p99 <= 250ms, async end-to-end p99 <= 1s",
            "run/capacity.json"));
  }

  @Test
  void resolvesAShareAgainstTheSavedCapacity() {
    RateBasis b =
        RateBasis.resolve(
                new Rate.ShareOfCapacity(30), "experiment file", saved(75, HERE.describe()), HERE)
            .orElseThrow();

    assertThat(b.ratePerStyle()).as("30% of 75/s").isEqualTo(22.5);
    assertThat(b.rateText()).as("what was asked").isEqualTo("30% from the experiment file");
    assertThat(b.capacityPerStyle()).as("capacity").hasValue(75.0);
    assertThat(b.capacitySource())
        .as("where the capacity comes from")
        .isEqualTo(
            "run/capacity.json, local cluster, calibrated 2026-11-27T07:00:00Z,"
                + " sync p99 <= 250ms, async end-to-end p99 <= 1s");
    assertThat(b.machine()).as("machine").isEqualTo("Test CPU, 2 cores @ 2600 MHz");
  }

  @Test
  void aShareWithoutACapacityCannotBeResolved() {
    assertThat(RateBasis.resolve(new Rate.ShareOfCapacity(30), "--rate", Optional.empty(), HERE))
        .as("no capacity measured")
        .isEmpty();
  }

  @Test
  void aFixedRateStaysAndIsSetAgainstTheCapacityWhenOneIsKnown() {
    RateBasis b =
        RateBasis.resolve(new Rate.Fixed(50), "--rate", saved(40, "Other CPU, 8 cores"), HERE)
            .orElseThrow();
    RateBasis unknown =
        RateBasis.resolve(new Rate.Fixed(50), "--rate", Optional.empty(), HERE).orElseThrow();

    assertThat(b.ratePerStyle()).as("fixed").isEqualTo(50);
    assertThat(b.percentOfCapacity()).as("50 of 40").hasValue(125.0);
    assertThat(b.capacitySource())
        .as("a capacity from another machine is flagged")
        .endsWith(", on another machine: Other CPU, 8 cores");
    assertThat(unknown.capacitySource()).as("no capacity").isEqualTo("not measured");
    assertThat(unknown.percentOfCapacity()).as("no share").isEmpty();
  }
}
