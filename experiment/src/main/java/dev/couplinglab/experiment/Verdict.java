package dev.couplinglab.experiment;

/**
 * The run's overall verdict: INCONCLUSIVE when the cluster was not healthy outside the fault (the
 * run measured overload, not coupling), else PASS or FAIL from the expectations.
 */
public enum Verdict {
  PASS,
  FAIL,
  INCONCLUSIVE
}
