package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the network did to the sync calls in each process fault's window: the same "service killed"
 * reaches the client as a fast UNAVAILABLE (the port is closed and the kernel refuses the
 * connection: a local process) or as DEADLINE_EXCEEDED after the whole deadline (the address no
 * longer answers at all: a container's IP leaves with it, a paused process, a partition). Says
 * which one this run saw, with the counts, and why.
 */
final class NetworkNote {

  private NetworkNote() {}

  static void render(StringBuilder md, ExperimentResult r) {
    StringBuilder lines = new StringBuilder();
    for (FaultWindow w : r.windows()) {
      FaultKind kind = w.step().fault();
      if (kind.layer() == FaultKind.Layer.APPLICATION
          || kind.layer() == FaultKind.Layer.LOAD
          || w.error() != null) {
        continue;
      }
      Map<String, Long> codes = syncErrors(r, w);
      if (codes.isEmpty()) {
        continue;
      }
      lines
          .append("- ")
          .append(w.step().describe())
          .append(": sync errors for orders due in the window: ")
          .append(Fmt.counts(codes))
          .append(". ")
          .append(reading(codes))
          .append(shed(codes))
          .append('\n');
    }
    if (lines.length() > 0) {
      md.append("\n## What the network did\n\n").append(lines);
    }
  }

  private static Map<String, Long> syncErrors(ExperimentResult r, FaultWindow w) {
    Map<String, Long> codes = new TreeMap<>();
    for (OrderRecord o : r.orders()) {
      if (o.style() == RunStyle.SYNC && o.errorCode() != null && w.covers(o.intendedNanos())) {
        codes.merge(o.errorCode(), 1L, Long::sum);
      }
    }
    return codes;
  }

  /** Calls the sync pool refused while its threads waited on the fault: said apart. */
  private static String shed(Map<String, Long> codes) {
    long refused = codes.getOrDefault("RESOURCE_EXHAUSTED", 0L);
    return refused == 0
        ? ""
        : " Besides, "
            + refused
            + " were refused at once (RESOURCE_EXHAUSTED) by order-service's sync pool, full of"
            + " calls waiting on the fault: shed, not sent.";
  }

  private static String reading(Map<String, Long> codes) {
    long unavailable = codes.getOrDefault("UNAVAILABLE", 0L);
    long deadline = codes.getOrDefault("DEADLINE_EXCEEDED", 0L);
    if (unavailable > deadline) {
      return "Mostly UNAVAILABLE, at once: the connection was refused or reset, as when the port"
          + " of a dead process is closed and its host still answers, so the client learned of the"
          + " failure in about one round trip.";
    }
    if (deadline > unavailable) {
      return "Mostly DEADLINE_EXCEEDED, after the whole deadline: nothing answered at all, as when"
          + " a container's address left the network with it, a process is paused (the kernel"
          + " still accepts the connection) or a partition drops the packets; each client waited"
          + " its full deadline to learn of the failure.";
    }
    if (unavailable == 0) {
      return "";
    }
    return "As many of each: some calls were refused at once, others hung until their deadline.";
  }
}
