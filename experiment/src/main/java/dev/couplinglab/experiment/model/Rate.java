package dev.couplinglab.experiment.model;

/**
 * The load's arrival rate per style: a fixed number of orders/s, or a share of the capacity that
 * {@code lab calibrate} measured on this machine. A share is resolved to a fixed rate before the
 * load starts ({@link #resolve}).
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

  /** As typed: {@code 50} or {@code 30%}. */
  String text();

  /** This rate in orders/s per style against {@code capacityPerStyle} (unused for a fixed one). */
  double resolve(double capacityPerStyle);

  /**
   * Reads a YAML value or an option's text: a number ({@code 30}, {@code 30.5}) or a percentage
   * ({@code 30%}). A bad value is one {@link ExperimentException} line naming {@code field}.
   */
  static Rate parse(String field, Object value) {
    return RateText.parse(field, value);
  }
}
