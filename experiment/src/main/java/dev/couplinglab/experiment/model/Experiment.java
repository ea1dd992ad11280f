package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.List;

/**
 * One experiment file: the load, the fault timeline, the resilience settings, how long recovery may
 * take, and what the author expects. Read with {@link ExperimentParser}.
 */
public record Experiment(
    String name,
    String description,
    LoadSpec load,
    List<FaultStep> timeline,
    ResilienceSettings resilience,
    Duration recoveryTimeout,
    Expectations expectations) {

  public static final Duration DEFAULT_RECOVERY_TIMEOUT = Duration.ofSeconds(60);

  public Experiment {
    timeline = List.copyOf(timeline);
  }

  /** The same experiment with the load run for {@code duration} (e.g. extended by the runner). */
  public Experiment withLoadDuration(Duration duration) {
    return new Experiment(
        name,
        description,
        load.withDuration(duration),
        timeline,
        resilience,
        recoveryTimeout,
        expectations);
  }

  /** The same experiment with another load (e.g. its rate resolved against the capacity). */
  public Experiment withLoad(LoadSpec other) {
    return new Experiment(
        name, description, other, timeline, resilience, recoveryTimeout, expectations);
  }
}
