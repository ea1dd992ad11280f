package dev.couplinglab.bench;

import java.util.concurrent.locks.LockSupport;

/** Short waits between polls; an interrupt ends the benchmark. */
final class Pause {

  private Pause() {}

  static void millis(long millis) {
    LockSupport.parkNanos(millis * 1_000_000);
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted");
    }
  }
}
