package dev.couplinglab.experiment;

import dev.couplinglab.experiment.calibrate.Machine;
import dev.couplinglab.experiment.calibrate.SavedCapacity;
import dev.couplinglab.experiment.model.Rate;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The rate a run used and what it rests on: the rate asked for, the measured capacity it was
 * resolved against (if any) and the machine. A report without these cannot say whether it shows
 * coupling or overload.
 *
 * @param ratePerStyle the orders/s per style the load ran at (phases: the highest phase's)
 * @param rateText what was asked and where, e.g. {@code 30% from the experiment file}
 * @param capacityPerStyle the measured capacity, when one was saved for the target
 * @param capacitySource where and when that capacity was measured, or why there is none
 * @param machine the machine the run ran on, see {@link Machine#describe()}
 * @param rate the rate the load ran at, every share resolved: fixed, or phases of fixed rates
 */
public record RateBasis(
    double ratePerStyle,
    String rateText,
    OptionalDouble capacityPerStyle,
    String capacitySource,
    String machine,
    Rate rate) {

  /** A basis for a rate that does not change. */
  public RateBasis(
      double ratePerStyle,
      String rateText,
      OptionalDouble capacityPerStyle,
      String capacitySource,
      String machine) {
    this(
        ratePerStyle,
        rateText,
        capacityPerStyle,
        capacitySource,
        machine,
        new Rate.Fixed(ratePerStyle));
  }

  /** A fixed rate on this machine with no capacity measured, e.g. for tests and old callers. */
  public static RateBasis fixed(double ratePerStyle) {
    return new RateBasis(
        ratePerStyle,
        plain(ratePerStyle) + "/s, fixed",
        OptionalDouble.empty(),
        "not measured",
        Machine.local().describe());
  }

  /**
   * A rate with no share of capacity in it (fixed, or phases of fixed rates) on this machine.
   *
   * @throws IllegalStateException when it holds a share of capacity
   */
  public static RateBasis fixed(Rate rate) {
    if (rate.needsCapacity()) {
      throw new IllegalStateException(
          "load.rate " + rate.text() + " is a share of capacity: resolve it before the load");
    }
    if (rate instanceof Rate.Fixed f) {
      return fixed(f.perSecond());
    }
    return new RateBasis(
        rate.resolve(Double.NaN),
        rate.text() + ", fixed",
        OptionalDouble.empty(),
        "not measured",
        Machine.local().describe(),
        rate);
  }

  /**
   * {@code rate} resolved against {@code saved}; empty when it is a share of capacity and no
   * capacity was measured.
   *
   * @param origin where the rate comes from, e.g. {@code experiment file} or {@code --rate}
   */
  public static Optional<RateBasis> resolve(
      Rate rate, String origin, Optional<SavedCapacity> saved, Machine machine) {
    OptionalDouble capacity =
        saved.map(SavedCapacity::capacityPerStyle).orElse(OptionalDouble.empty());
    String source = saved.map(s -> source(s, machine)).orElse("not measured");
    String asked =
        (rate instanceof Rate.Fixed ? rate.text() + "/s" : rate.text()) + " from the " + origin;
    if (rate.needsCapacity() && capacity.isEmpty()) {
      return Optional.empty();
    }
    Rate fixed = rate.fixedAgainst(capacity.orElse(Double.NaN));
    double perStyle = fixed.resolve(Double.NaN);
    return Optional.of(new RateBasis(perStyle, asked, capacity, source, machine.describe(), fixed));
  }

  /** This rate as a share of the capacity, when one is known. */
  public OptionalDouble percentOfCapacity() {
    return capacityPerStyle.isPresent()
        ? OptionalDouble.of(100 * ratePerStyle / capacityPerStyle.getAsDouble())
        : OptionalDouble.empty();
  }

  private static String source(SavedCapacity s, Machine machine) {
    String where = s.file() + ", " + s.target() + " cluster, calibrated " + s.measuredAt();
    String bounds = s.bounds();
    String other =
        s.machine().equals(machine.describe()) ? "" : ", on another machine: " + s.machine();
    return where + ", " + bounds + other;
  }

  static String plain(double d) {
    return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
  }
}
