package dev.couplinglab.contracts;

/**
 * Files a service writes in its data folder ({@code DATA_DIR}) for others to read: the lab finds a
 * local service's metrics there. Named here once, for the services and their readers.
 */
public final class DataFiles {

  /** The port the service's {@code /metrics} is served on, as decimal text. */
  public static final String METRICS_PORT = "metrics.port";

  private DataFiles() {}
}
