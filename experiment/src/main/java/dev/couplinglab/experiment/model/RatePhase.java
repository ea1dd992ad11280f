package dev.couplinglab.experiment.model;

import java.time.Duration;

/**
 * One phase of a load whose rate changes over the run: from {@code at} until the next phase starts
 * (the last one until the load ends), orders are due at {@code rate} per style. No ramp between
 * phases: the rate steps, so each phase is a stretch of its own in the report.
 *
 * @param at offset from the load start; the first phase starts at 0
 * @param rate a fixed rate or a share of the measured capacity (never phased itself)
 * @param overload true when the phase is meant to exceed the capacity: the report treats it like a
 *     fault window (shaded, judged by the expectations, left out of the health check), not as a
 *     cluster that could not cope
 */
public record RatePhase(Duration at, Rate rate, boolean overload) {

  /** {@code 300% from 20s (planned overload)}. */
  public String describe() {
    String what = rate instanceof Rate.ShareOfCapacity ? rate.text() : rate.text() + "/s";
    return what + " from " + text(at) + (overload ? " (planned overload)" : "");
  }

  /** A phase's time as written: {@code 0s}, {@code 20s}, {@code 1m30s}. */
  static String text(Duration at) {
    return at.isZero() ? "0s" : DurationText.format(at);
  }
}
