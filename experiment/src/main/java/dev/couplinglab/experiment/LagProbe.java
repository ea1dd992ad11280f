package dev.couplinglab.experiment;

import java.util.Optional;

/**
 * Peak consumer lag during the run. The public gRPC APIs do not expose it, so the lab supplies it
 * (e.g. from a Kafka Admin client); {@link #none()} makes the report say "n/a".
 */
public interface LagProbe {

  /** Called when the load starts: begin sampling. */
  default void start() {}

  /** Called after recovery: the peak total lag seen, in records, if known. */
  Optional<Long> peakLag();

  static LagProbe none() {
    return Optional::empty;
  }
}
