package dev.couplinglab.experiment.timeline;

/**
 * What a {@link FaultDriver} returns from {@code apply}: enough to undo the fault later. Drivers
 * usually return their own implementation carrying a process id, a fault id from the admin API, or
 * a container name.
 */
public interface FaultHandle {

  /**
   * One line for the report, e.g. "SIGSTOP pid 4242" or "admin fault f-12 on inventory-service".
   */
  String describe();

  static FaultHandle of(String description) {
    return () -> description;
  }
}
