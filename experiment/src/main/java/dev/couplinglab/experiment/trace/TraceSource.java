package dev.couplinglab.experiment.trace;

import java.util.Optional;

/** Where a run's traces are read from (the services' span files, through the lab). */
@FunctionalInterface
public interface TraceSource {

  /** No traces: reports say so instead of drawing them. */
  TraceSource NONE = traceId -> Optional.empty();

  /** The trace of {@code traceId} as exported so far, if any span of it was. */
  Optional<Trace> trace(String traceId);
}
