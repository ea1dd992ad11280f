package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.timeline.FaultWindow;
import dev.couplinglab.experiment.trace.Trace;
import dev.couplinglab.experiment.trace.TraceSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The report's picture of the lesson: one order of each style on one time axis, from the orders the
 * load traced ({@code LoadGenerator.Options.tracedPerSecond}). Before the fault, each style's
 * traced order nearest its p50; during the fault, nearest its p99 (the slow one a user would look
 * at). Latency here is what the client saw until it knew the outcome: the answer, or the final
 * state read after an async accept.
 */
final class TraceSection {

  static final String BEFORE_SVG = "trace-before.svg";
  static final String DURING_SVG = "trace-during.svg";

  /** One picked order and its trace, if the services exported it. */
  record Pick(RunStyle style, OrderRecord order, String why, Optional<Trace> trace) {}

  /** One picture: a phase of the run and the two orders drawn in it. */
  record Picture(String phase, String file, List<Pick> picks) {

    boolean drawable() {
      return picks.stream().anyMatch(p -> p.trace().isPresent());
    }
  }

  private final List<Picture> pictures;

  private TraceSection(List<Picture> pictures) {
    this.pictures = pictures;
  }

  static TraceSection build(ExperimentResult r, TraceSource source) {
    List<Picture> pictures = new ArrayList<>();
    List<FaultWindow> windows = r.windows();
    long firstFault =
        windows.stream().mapToLong(FaultWindow::startNanos).min().orElse(Long.MAX_VALUE);
    pictures.add(
        picture(
            r,
            source,
            windows.isEmpty() ? "during the run" : "before the fault",
            BEFORE_SVG,
            o -> o.intendedNanos() < firstFault,
            0.50));
    if (!windows.isEmpty()) {
      Predicate<OrderRecord> during =
          o ->
              windows.stream()
                  .anyMatch(
                      w -> o.intendedNanos() >= w.startNanos() && o.intendedNanos() < w.endNanos());
      pictures.add(picture(r, source, "during the fault", DURING_SVG, during, 0.99));
    }
    return new TraceSection(pictures);
  }

  private static Picture picture(
      ExperimentResult r,
      TraceSource source,
      String phase,
      String file,
      Predicate<OrderRecord> when,
      double quantile) {
    List<Pick> picks = new ArrayList<>();
    for (RunStyle style : r.experiment().load().styles()) {
      List<OrderRecord> traced =
          r.orders().stream()
              .filter(o -> o.style() == style && o.traceId() != null && when.test(o))
              .filter(o -> latency(o) >= 0)
              .sorted(Comparator.comparingLong(TraceSection::latency))
              .toList();
      if (traced.isEmpty()) {
        continue;
      }
      OrderRecord order =
          traced.get((int) Math.min(traced.size() - 1, Math.floor(quantile * traced.size())));
      String why =
          String.format(
              "p%.0f of the %d traced %s orders %s: %s",
              quantile * 100, traced.size(), style.text(), phase, Fmt.ms(latency(order) / 1000));
      picks.add(new Pick(style, order, why, source.trace(order.traceId())));
    }
    return new Picture(phase, file, picks);
  }

  /** Until the client knew the outcome: the final state, else the answer; -1 when neither came. */
  private static long latency(OrderRecord o) {
    if (o.endToEndNanos() >= 0) {
      return o.endToEndNanos();
    }
    return o.answeredNanos() < 0 ? -1 : o.answeredNanos() - o.intendedNanos();
  }

  void writeSvgs(Path dir) throws IOException {
    for (Picture p : pictures) {
      if (!p.drawable()) {
        continue;
      }
      List<TraceTimelineSvg.Lane> lanes = new ArrayList<>();
      for (Pick pick : p.picks()) {
        pick.trace()
            .ifPresent(
                t ->
                    lanes.add(
                        new TraceTimelineSvg.Lane(
                            pick.style().text() + " order " + pick.order().orderId(),
                            pick.style() == RunStyle.SYNC ? Palette.SYNC : Palette.ASYNC,
                            t)));
      }
      String svg = TraceTimelineSvg.render("One order of each style, " + p.phase(), lanes);
      Files.writeString(dir.resolve(p.file()), svg, StandardCharsets.UTF_8);
    }
  }

  void markdown(StringBuilder md) {
    md.append("\n## Two orders, traced\n\n");
    boolean any = false;
    for (Picture p : pictures) {
      if (p.picks().isEmpty()) {
        md.append("- ").append(p.phase()).append(": no traced order finished or failed.\n");
        continue;
      }
      for (Pick pick : p.picks()) {
        md.append("- ")
            .append(pick.style().text())
            .append(" order `")
            .append(pick.order().orderId())
            .append("`, ")
            .append(pick.why())
            .append(pick.trace().isPresent() ? "" : "; no span of its trace was found")
            .append(" (`bin/lab trace ")
            .append(pick.order().orderId())
            .append("`)\n");
      }
      if (p.drawable()) {
        any = true;
      }
    }
    md.append('\n');
    for (Picture p : pictures) {
      if (p.drawable()) {
        md.append("![one order of each style, ")
            .append(p.phase())
            .append("](")
            .append(p.file())
            .append(")\n\n");
      }
    }
    if (!any) {
      md.append("No trace to draw: the services' spans were not readable from this run.\n");
    }
  }
}
