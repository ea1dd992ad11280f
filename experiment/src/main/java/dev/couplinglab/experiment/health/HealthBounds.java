package dev.couplinglab.experiment.health;

import dev.couplinglab.experiment.model.Expectations;
import dev.couplinglab.experiment.model.RunStyle;
import java.time.Duration;

/**
 * What "healthy" means outside the fault: no PlaceOrder error, sync answer p99 and async end-to-end
 * p99 within their bounds, and how long after a style recovered its healthy window starts.
 *
 * <p>The defaults, 250 ms sync and 1 s async end to end, are about eight and thirty times the
 * baseline p99 at 50 orders/s on the 2-core development machine (31.5 ms sync, 35.7 ms async,
 * docs/scenarios.md) and far below the usual 2 s deadline: a healthy cluster stays well inside them
 * on a busy machine, a cluster that queues (overload) leaves them within seconds. Async gets the
 * wider bound because its outcome waits for three Kafka hops and the outbox relay. An experiment
 * file may set others ({@code healthy_sync_p99}, {@code healthy_async_p99}).
 *
 * @param settle the margin after a style's time to recover (see {@code RecoveryTime}) before its
 *     after-the-fault window starts: reconnecting channels and a draining Kafka backlog are the
 *     fault's effect, not overload
 */
public record HealthBounds(Duration syncP99, Duration asyncEndToEndP99, Duration settle) {

  public static final Duration SYNC_P99 = Duration.ofMillis(250);
  public static final Duration ASYNC_END_TO_END_P99 = Duration.ofSeconds(1);
  public static final Duration SETTLE = Duration.ofSeconds(5);

  public static HealthBounds defaults() {
    return new HealthBounds(SYNC_P99, ASYNC_END_TO_END_P99, SETTLE);
  }

  /** The defaults, with the bounds the experiment's expectations set instead. */
  public static HealthBounds of(Expectations e) {
    return new HealthBounds(
        e.healthySyncP99() == null ? SYNC_P99 : e.healthySyncP99(),
        e.healthyAsyncP99() == null ? ASYNC_END_TO_END_P99 : e.healthyAsyncP99(),
        SETTLE);
  }

  /** The p99 bound of a style, in microseconds. */
  public long p99Micros(RunStyle style) {
    Duration d = style == RunStyle.SYNC ? syncP99 : asyncEndToEndP99;
    return d.toNanos() / 1000;
  }
}
