package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.trace.Trace;
import dev.couplinglab.experiment.trace.Waterfall;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.target.Target;
import dev.couplinglab.lab.traces.TraceFiles;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * An order's trace as a waterfall, or two orders' on one time axis ({@code --compare}): the spans
 * the services wrote to their span files, read from the target's data folders.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "trace",
    description = {
      "Draw an order's trace: each span's service, name, start, duration and status on one time"
          + " axis, the waits drawn as what they are, and where the client had its answer.",
      "--compare SYNC_ID ASYNC_ID draws two orders on one axis: when each client learned the"
          + " outcome, and what it waited for.",
      "Orders placed with 'lab order' and the experiments' traced orders are always traced; other"
          + " orders 1 in 100 (OTEL_TRACES_SAMPLER_ARG)."
    })
public final class TraceCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Parameters(
      arity = "1..2",
      paramLabel = "ORDER_ID",
      description = "the order (two with --compare)")
  private List<String> orderIds;

  @Option(names = "--compare", description = "draw the two orders given on one time axis")
  private boolean compare;

  @Option(names = "--target", paramLabel = "local|compose", description = "default: detected")
  private String target;

  @Override
  public Integer call() {
    if (compare != (orderIds.size() == 2)) {
      throw LabException.usage(
          compare ? "--compare needs two order ids" : "one order id, or two with --compare");
    }
    LabContext context = lab.context();
    TraceFiles traces =
        traces(context, context.target(target == null ? null : Target.parse(target, "--target")));
    List<Trace> found = orderIds.stream().map(id -> traceOf(traces, id)).toList();
    context.out().print(draw(found));
    context.out().flush();
    return 0;
  }

  /** Where the target's services wrote their spans. */
  public static TraceFiles traces(LabContext context, Target target) {
    return target == Target.COMPOSE
        ? TraceFiles.compose(context.compose())
        : TraceFiles.local(context.runDir());
  }

  private static Trace traceOf(TraceFiles traces, String orderId) {
    return traces
        .latestOf(orderId)
        .orElseThrow(
            () ->
                LabException.failure(
                    "no span names order "
                        + orderId
                        + ": it was not traced (the services trace 1 in 100 orders unless the"
                        + " client sends a sampled traceparent, as 'lab order' does), or its"
                        + " spans are not written yet (they are within about a second)"));
  }

  /** What {@code lab trace} prints: one trace's waterfall, or two on one time axis. */
  static String draw(List<Trace> traces) {
    return traces.size() == 2
        ? Waterfall.compare(traces.get(0), traces.get(1))
        : Waterfall.render(traces.get(0));
  }
}
