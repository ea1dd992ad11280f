package dev.couplinglab.order.repair;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * The pause before a repair's next attempt: exponential from {@code first}, doubled per failed
 * attempt, capped at {@code cap}, with equal jitter (between half and all of it) so that repairs
 * recorded together do not retry together.
 *
 * @param random given a bound n, a uniform value from 0 to n - 1 (injected so tests can pin it)
 */
public record RepairBackoff(Duration first, Duration cap, LongUnaryOperator random) {

  public static final Duration FIRST = Duration.ofMillis(100);
  public static final Duration CAP = Duration.ofSeconds(5);

  public RepairBackoff {
    if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("need 0 < first <= cap, got " + first + " and " + cap);
    }
  }

  /** 100 ms, 200 ms, 400 ms, ... up to 5 s, jittered. */
  public static RepairBackoff standard() {
    return new RepairBackoff(
        FIRST, CAP, n -> java.util.concurrent.ThreadLocalRandom.current().nextLong(n));
  }

  /** The pause after {@code failedAttempts} failed attempts (1 or more). */
  public Duration after(int failedAttempts) {
    long ceiling = ceilingMillis(Math.max(1, failedAttempts));
    long half = ceiling / 2;
    return Duration.ofMillis(ceiling - half + random.applyAsLong(half + 1));
  }

  private long ceilingMillis(int failedAttempts) {
    long capMs = cap.toMillis();
    long ms = first.toMillis();
    for (int n = 1; n < failedAttempts && ms < capMs; n++) {
      ms *= 2;
    }
    return Math.min(ms, capMs);
  }
}
