package dev.couplinglab.lab.experiments;

import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.experiment.ResilienceApplier;
import dev.couplinglab.experiment.ResilienceCounters;
import dev.couplinglab.experiment.model.ResilienceSettings.Repair;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Sets order-service's resilience settings before a run through its ResilienceService, restores the
 * previous ones after it, and reads the counters. A read-only one ({@code lab load}) changes
 * nothing and only reads the counters.
 */
public final class LabResilienceApplier implements ResilienceApplier {

  private final Supplier<ResilienceSettings> get;
  private final UnaryOperator<ResilienceSettings> set;
  private final boolean applies;
  private ResilienceSettings previous;

  private LabResilienceApplier(
      Supplier<ResilienceSettings> get, UnaryOperator<ResilienceSettings> set, boolean applies) {
    this.get = get;
    this.set = set;
    this.applies = applies;
  }

  public static LabResilienceApplier applying(
      Supplier<ResilienceSettings> get, UnaryOperator<ResilienceSettings> set) {
    return new LabResilienceApplier(get, set, true);
  }

  public static LabResilienceApplier readOnly(Supplier<ResilienceSettings> get) {
    return new LabResilienceApplier(
        get,
        s -> {
          throw new IllegalStateException("read only");
        },
        false);
  }

  @Override
  public void apply(dev.couplinglab.experiment.model.ResilienceSettings settings) {
    if (!applies) {
      return;
    }
    previous = get.get().toBuilder().clearCounters().build();
    set.apply(toProto(settings));
  }

  /** Puts back the settings found before {@link #apply}; nothing when it did not apply. */
  public void restore() {
    if (previous != null) {
      set.apply(previous);
      previous = null;
    }
  }

  @Override
  public Optional<ResilienceCounters> counters() {
    try {
      var c = get.get().getCounters();
      return Optional.of(
          new ResilienceCounters(
              c.getRetries(),
              c.getRejectedByBreaker(),
              c.getRejectedByBulkhead(),
              c.getRepairsRecorded(),
              c.getRepairsDone(),
              c.getRepairsPending(),
              c.getLongestRepairMs()));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean applies() {
    return applies;
  }

  /** The experiment's settings as the fields of SetResilience (one deadline for both calls). */
  static ResilienceSettings toProto(dev.couplinglab.experiment.model.ResilienceSettings s) {
    int deadline = (int) Math.min(Integer.MAX_VALUE, s.deadline().toMillis());
    ResilienceSettings.Builder b =
        ResilienceSettings.newBuilder()
            .setInventoryDeadlineMs(deadline)
            .setNotificationDeadlineMs(deadline)
            .setMaxAttempts(s.maxAttempts())
            .setCircuitBreakerEnabled(s.circuitBreaker())
            .setBulkheadEnabled(s.bulkhead() > 0)
            .setRepair(
                s.repair() == Repair.NONE ? RepairMode.REPAIR_NONE : RepairMode.REPAIR_DURABLE)
            .setSharedEntryPool(s.sharedEntryPool());

    if (s.bulkhead() > 0) {
      b.setMaxConcurrent(s.bulkhead());
    }
    return b.build();
  }

  /** The settings in force, as an experiment records them. */
  public static dev.couplinglab.experiment.model.ResilienceSettings fromProto(
      ResilienceSettings s) {
    return new dev.couplinglab.experiment.model.ResilienceSettings(
        java.time.Duration.ofMillis(s.getInventoryDeadlineMs()),
        s.getMaxAttempts(),
        s.getCircuitBreakerEnabled(),
        s.getBulkheadEnabled() ? s.getMaxConcurrent() : 0,
        s.getRepair() == RepairMode.REPAIR_NONE ? Repair.NONE : Repair.DURABLE,
        s.getSharedEntryPool());
  }
}
