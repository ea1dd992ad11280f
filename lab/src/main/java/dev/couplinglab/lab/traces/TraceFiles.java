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
 * docker compose exec ... cat}). Read once, at the first question (a report asks for four traces,
 * {@code --compare} for two): make one for each command or report, after the orders it is asked
 * about have ended.
 */
public final class TraceFiles implements TraceSource {

  private static final List<Part> SERVICES = List.of(Part.ORDER, Part.INVENTORY, Part.NOTIFICATION);

  private final Supplier<List<Span>> read;
  private List<Span> spans;

  private TraceFiles(Supplier<List<Span>> read) {
    this.read = read;
  }

  private synchronized List<Span> spans() {
    if (spans == null) {
      spans = List.copyOf(read.get());
    }
    return spans;
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
    List<Span> found = spans().stream().filter(s -> s.traceId().equals(traceId)).toList();
    return found.isEmpty() ? Optional.empty() : Optional.of(new Trace(traceId, found));
  }

  /** The traces whose spans name order {@code orderId}, oldest first (a retried id has several). */
  public List<Trace> ofOrder(String orderId) {
    Map<String, Trace> traces = Trace.group(spans());
    return traces.values().stream()
        .filter(t -> t.orderId().filter(orderId::equals).isPresent())
        .sorted(Comparator.comparingLong(Trace::startNanos))
        .toList();
  }

  /** The latest trace that names order {@code orderId} (a retried id has several), if any. */
  public Optional<Trace> latestOf(String orderId) {
    List<Trace> found = ofOrder(orderId);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
  }
}
