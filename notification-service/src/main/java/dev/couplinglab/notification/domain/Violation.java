package dev.couplinglab.notification.domain;

/** One field that breaks a rule, and how. */
public record Violation(String field, String problem) {
  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
