package dev.couplinglab.experiment.model;

/**
 * An expectation on how one style's calls ended during the fault windows (a planned overload phase
 * counts as one): of its orders due in them, the share answered with {@code code} ({@code OK}:
 * accepted) must be at least {@code atLeast} or at most {@code atMost} percent (either may be null,
 * not both).
 */
public record StatusShare(RunStyle style, String code, Double atLeast, Double atMost) {

  /** {@code sync RESOURCE_EXHAUSTED at least 30%}. */
  public String describe() {
    StringBuilder s = new StringBuilder(style.text()).append(' ').append(code);
    if (atLeast != null) {
      s.append(" at least ").append(RateText.plain(atLeast)).append('%');
    }
    if (atMost != null) {
      s.append(atLeast != null ? " and" : "").append(" at most ").append(RateText.plain(atMost));
      s.append('%');
    }
    return s.toString();
  }

  public boolean holds(double percent) {
    return (atLeast == null || percent >= atLeast) && (atMost == null || percent <= atMost);
  }
}
