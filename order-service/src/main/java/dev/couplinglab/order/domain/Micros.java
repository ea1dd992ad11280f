package dev.couplinglab.order.domain;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Microseconds since the epoch, the unit of every timestamp in the contracts. */
public final class Micros {
  private Micros() {}

  public static long now() {
    return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
  }
}
