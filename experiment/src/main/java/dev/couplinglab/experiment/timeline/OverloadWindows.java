package dev.couplinglab.experiment.timeline;

import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RatePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The windows of the load's planned overload: one per phase marked {@code overload: true}, from its
 * start to the next phase's (or the load's end), as planned: the load keeps its own schedule, so
 * planned is applied. The report then treats them like fault windows: shaded on the charts, judged
 * by the expectations and kept out of the health check, whose question is whether the cluster coped
 * outside them.
 */
public final class OverloadWindows {

  private OverloadWindows() {}

  /**
   * @param load the load as run, its rate resolved (fixed, or phases of fixed rates)
   * @param loadStart the wall clock at the load's start
   * @param loadEndNanos the load's end, nanoseconds after its start
   */
  public static List<FaultWindow> of(LoadSpec load, Instant loadStart, long loadEndNanos) {
    List<RatePhase> phases = load.rateSpec().phases();
    List<FaultWindow> out = new ArrayList<>();
    for (int i = 0; i < phases.size(); i++) {
      RatePhase p = phases.get(i);
      if (!p.overload()) {
        continue;
      }
      long start = p.at().toNanos();
      long end = i + 1 < phases.size() ? phases.get(i + 1).at().toNanos() : loadEndNanos;
      if (end <= start) {
        continue;
      }
      double rate = p.rate().resolve(Double.NaN);
      out.add(
          new FaultWindow(
              FaultStep.overload(p.at(), Duration.ofNanos(end - start), rate),
              start,
              end,
              loadStart.plusNanos(start),
              loadStart.plusNanos(end),
              "made by the load: " + p.describe(),
              null));
    }
    return out;
  }
}
