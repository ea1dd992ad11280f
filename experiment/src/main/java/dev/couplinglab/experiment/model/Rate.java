package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.List;

/**
 * The load's arrival rate per style: a fixed number of orders/s, a share of the capacity that
 * {@code lab calibrate} measured on this machine, or phases of either that follow one another. A
 * share is resolved to a fixed rate before the load starts ({@link #fixedAgainst}).
 */
public sealed interface Rate {

  double MIN_PER_SECOND = 0.1;
  double MAX_PER_SECOND = 10_000;

  /** Above 100% is allowed: an overload scenario may want to run past capacity on purpose. */
  double MAX_PERCENT = 1000;

  /** A fixed rate, orders/s per style. */
  record Fixed(double perSecond) implements Rate {
    @Override
    public String text() {
      return RateText.plain(perSecond);
    }

    @Override
    public double resolve(double capacityPerStyle) {
      return perSecond;
    }
  }

  /** A share of the measured capacity, in percent (30 = 30%). */
  record ShareOfCapacity(double percent) implements Rate {
    @Override
    public String text() {
      return RateText.plain(percent) + "%";
    }

    @Override
    public double resolve(double capacityPerStyle) {
      return capacityPerStyle * percent / 100;
    }
  }

  /**
   * Rates that change over the run, one phase after the other (see {@link RatePhase}); the first
   * starts at 0.
   */
  record Phased(List<RatePhase> phases) implements Rate {
    public Phased {
      phases = List.copyOf(phases);
      if (phases.isEmpty() || !phases.get(0).at().isZero()) {
        throw new IllegalArgumentException("the first phase must start at 0s");
      }
    }

    /** {@code 50% from 0s, 300% from 20s (planned overload), 50% from 40s}. */
    @Override
    public String text() {
      return String.join(", ", phases.stream().map(RatePhase::describe).toList());
    }

    /** The highest phase's rate. */
    @Override
    public double resolve(double capacityPerStyle) {
      return phases.stream().mapToDouble(p -> p.rate().resolve(capacityPerStyle)).max().orElse(0);
    }

    @Override
    public Rate fixedAgainst(double capacityPerStyle) {
      return new Phased(
          phases.stream()
              .map(
                  p -> new RatePhase(p.at(), p.rate().fixedAgainst(capacityPerStyle), p.overload()))
              .toList());
    }

    @Override
    public boolean needsCapacity() {
      return phases.stream().anyMatch(p -> p.rate().needsCapacity());
    }
  }

  /** As typed: {@code 50} or {@code 30%}; phases one after the other. */
  String text();

  /**
   * This rate in orders/s per style against {@code capacityPerStyle} (unused for a fixed one); for
   * phases, the highest.
   */
  double resolve(double capacityPerStyle);

  /**
   * The same rate with every share resolved against {@code capacityPerStyle}, to one decimal and at
   * least {@link #MIN_PER_SECOND}: a fixed rate, or phases of fixed rates.
   */
  default Rate fixedAgainst(double capacityPerStyle) {
    if (!needsCapacity()) {
      return this;
    }
    double perStyle = Math.round(resolve(capacityPerStyle) * 10) / 10.0;
    return new Fixed(Math.max(MIN_PER_SECOND, perStyle));
  }

  /** True when a share of capacity has to be resolved before the load can run. */
  default boolean needsCapacity() {
    return this instanceof ShareOfCapacity;
  }

  /** The phases of this rate: one from 0s for a rate that does not change. */
  default List<RatePhase> phases() {
    return List.of(new RatePhase(Duration.ZERO, this, false));
  }

  /**
   * Reads a YAML value or an option's text: a number ({@code 30}, {@code 30.5}) or a percentage
   * ({@code 30%}). A bad value is one {@link ExperimentException} line naming {@code field}.
   */
  static Rate parse(String field, Object value) {
    return RateText.parse(field, value);
  }
}
