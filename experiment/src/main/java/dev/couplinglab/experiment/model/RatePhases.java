package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks {@code load.rate: {phases: [...]}}: each phase {@code {at: 20s, rate: 300%,
 * overload: true}}, its rate written as a plain {@code load.rate} (a number or a share), the first
 * at 0s, each later than the one before and before the end of the load.
 */
final class RatePhases {

  private RatePhases() {}

  static Rate parse(Fields rate) {
    rate.allowOnly(Set.of("phases"));
    List<?> raw = rate.list("phases");
    if (raw.isEmpty()) {
      throw new ExperimentException(
          rate.name("phases") + ": list at least one phase, e.g. [{at: 0s, rate: 50%}]");
    }
    List<RatePhase> phases = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Fields f =
          Fields.of(rate.name("phases") + "[" + i + "]", raw.get(i))
              .allowOnly(Set.of("at", "rate", "overload"));
      if (!f.has("rate")) {
        throw new ExperimentException(
            f.name("rate") + ": is required (orders/s or a share like 50%)");
      }
      if (f.raw("rate") instanceof Map || f.raw("rate") instanceof List) {
        throw new ExperimentException(
            f.name("rate") + ": expected a number or a percentage like 30%, not phases in phases");
      }
      Duration at = f.requiredDuration("at");
      String where = f.name("at");
      if (i == 0 && !at.isZero()) {
        throw new ExperimentException(
            where + ": the first phase must start at 0s, was " + DurationText.format(at));
      }
      if (i > 0 && at.compareTo(phases.get(i - 1).at()) <= 0) {
        throw new ExperimentException(
            where
                + ": "
                + RatePhase.text(at)
                + " is not after the previous phase's "
                + RatePhase.text(phases.get(i - 1).at())
                + " (list the phases in time order)");
      }
      phases.add(
          new RatePhase(at, Rate.parse(f.name("rate"), f.raw("rate")), f.flag("overload", false)));
    }
    return new Rate.Phased(phases);
  }

  /** Every phase must start before the load ends. */
  static void check(Rate rate, Duration loadDuration) {
    if (!(rate instanceof Rate.Phased phased)) {
      return;
    }
    List<RatePhase> phases = phased.phases();
    for (int i = 0; i < phases.size(); i++) {
      Duration at = phases.get(i).at();
      if (at.compareTo(loadDuration) >= 0) {
        throw new ExperimentException(
            "load.rate.phases["
                + i
                + "].at: "
                + DurationText.format(at)
                + " is not before the end of the load (load.duration "
                + DurationText.format(loadDuration)
                + ")");
      }
    }
  }
}
