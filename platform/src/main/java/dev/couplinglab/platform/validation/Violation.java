package dev.couplinglab.platform.validation;

/**
 * One field of a request or an event that breaks a rule, named as in the proto, and what is wrong
 * with it. The domain rules of every service return these; {@code BadRequests} turns them into an
 * INVALID_ARGUMENT with field details.
 */
public record Violation(String field, String problem) {
  @Override
  public String toString() {
    return field + ": " + problem;
  }
}
