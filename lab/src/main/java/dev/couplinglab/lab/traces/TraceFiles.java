package dev.couplinglab.lab.traces;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.trace.Span;
import dev.couplinglab.experiment.trace.SpanReader;
import dev.couplinglab.experiment.trace.Trace;
import dev.couplinglab.experiment.trace.TraceSource;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.compose.ComposeCommands;
import dev.couplinglab.platform.telemetry.SpanFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The spans the three services wrote, read the way {@code lab logs} reads their lines: locally from
 * each service's span file in its data folder, on compose from each container's data volume ({@code
 * docker compose exec ... cat}). Read afresh at each question, so a trace still being written is
 * seen as far as it has gone.
 */
public final class TraceFiles implements TraceSource {

  private static final List<Part> SERVICES = List.of(Part.ORDER, Part.INVENTORY, Part.NOTIFICATION);

  private final Supplier<List<Span>> spans;

  private TraceFiles(Supplier<List<Span>> spans) {
    this.spans = spans;
  }

  /** The local cluster's span files, {@code run/data/<service>/<service>.spans.jsonl}. */
  public static TraceFiles local(RunDir run) {
    return new TraceFiles(
        () -> {
          List<Span> all = new ArrayList<>();
          for (Part part : SERVICES) {
            all.addAll(SpanReader.read(SpanFile.of(run.dataDir(part), part.displayName())));
          }
          return all;
        });
  }

  /** The compose services' span files, on their volumes. */
  public static TraceFiles compose(Compose compose) {
    return new TraceFiles(
        () -> {
          List<Span> all = new ArrayList<>();
          for (Part part : SERVICES) {
            try {
              String out = compose.run(ComposeCommands.spans(part.displayName())).out();
              all.addAll(SpanReader.read(out));
            } catch (LabException e) {
              // A container that is not running: its spans are read once it is back.
            }
          }
          return all;
        });
  }

  @Override
  public Optional<Trace> trace(String traceId) {
    List<Span> found = spans.get().stream().filter(s -> s.traceId().equals(traceId)).toList();
    return found.isEmpty() ? Optional.empty() : Optional.of(new Trace(traceId, found));
  }

  /** The traces whose spans name order {@code orderId}, oldest first (a retried id has several). */
  public List<Trace> ofOrder(String orderId) {
    Map<String, Trace> traces = Trace.group(spans.get());
    return traces.values().stream()
        .filter(t -> t.orderId().filter(orderId::equals).isPresent())
        .sorted(Comparator.comparingLong(Trace::startNanos))
        .toList();
  }
}
