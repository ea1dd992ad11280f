package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.report.Palette;
import dev.couplinglab.experiment.report.TraceTimelineSvg;
import dev.couplinglab.experiment.trace.Trace;
import dev.couplinglab.experiment.trace.Waterfall;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.command.TraceCommand;
import dev.couplinglab.lab.target.Target;
import dev.couplinglab.lab.traces.TraceFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One order, or two side by side, as the page shows them: the trace as the twin timeline the
 * reports draw ({@link TraceTimelineSvg}: both chains on one time axis, the client's answer
 * marked), the same waterfall {@code lab trace} prints, and every service's log lines of the order
 * ({@code lab logs --order}).
 */
final class OrderView {

  private static final String ID = "[A-Za-z0-9._:-]{1,128}";

  private final LabContext lab;
  private final Target target;
  private final LabLine line;

  OrderView(LabContext lab, Target target, LabLine line) {
    this.lab = lab;
    this.target = target;
    this.line = line;
  }

  /**
   * Whether {@code id} can be an order id (the page's input is checked before any file is read).
   */
  static boolean plausible(String id) {
    return id != null && id.strip().matches(ID);
  }

  /** The orders' picture, waterfall and log lines; a missing trace is said, not an error. */
  Map<String, Object> show(List<String> orderIds) {
    TraceFiles traces = TraceCommand.traces(lab, target);
    List<TraceTimelineSvg.Lane> lanes = new ArrayList<>();
    List<Trace> found = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    StringBuilder logs = new StringBuilder();
    for (String raw : orderIds) {
      String id = raw.strip();
      List<Trace> ofOrder = traces.ofOrder(id);
      if (ofOrder.isEmpty()) {
        missing.add(id);
      } else {
        Trace trace = ofOrder.get(ofOrder.size() - 1);
        found.add(trace);
        String style = trace.style().orElse("?");
        lanes.add(
            new TraceTimelineSvg.Lane(
                style + " " + id, style.equals("async") ? Palette.ASYNC : Palette.SYNC, trace));
      }
      LabLine.Result result = line.read(List.of("logs", "--order=" + id));
      logs.append(result.ok() ? result.output() : result.summary() + "\n");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("orders", orderIds);
    out.put("missing", missing);
    if (!lanes.isEmpty()) {
      out.put("svg", TraceTimelineSvg.render("Trace of " + String.join(" and ", orderIds), lanes));
      out.put(
          "waterfall",
          found.size() == 2
              ? Waterfall.compare(found.get(0), found.get(1))
              : Waterfall.render(found.get(0)));
    }
    out.put("logs", logs.toString());
    return out;
  }
}
