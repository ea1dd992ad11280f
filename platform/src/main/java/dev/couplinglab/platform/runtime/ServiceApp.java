package dev.couplinglab.platform.runtime;

/**
 * A started service as its {@code main}, a test or an in-process cluster sees it. A service's
 * {@code ...App} extends it and wires its parts in its constructor, on the {@link ServiceRuntime}
 * it is given, the gRPC server last ({@link ServiceRuntime#serve}).
 */
public abstract class ServiceApp implements AutoCloseable {

  private final ServiceRuntime runtime;

  protected ServiceApp(ServiceRuntime runtime) {
    this.runtime = runtime;
  }

  /** The port its gRPC server listens on (the one picked, when started with port 0). */
  public int grpcPort() {
    return runtime.grpcPort();
  }

  /** The port its {@code /metrics} is served on (the one picked, when started with port 0). */
  public int metricsPort() {
    return runtime.metricsPort();
  }

  /** Blocks until the service has been closed. */
  public void awaitTermination() throws InterruptedException {
    runtime.awaitClosed();
  }

  /**
   * Closes its parts, the last started first (the gRPC server: NOT_SERVING, then calls in flight
   * drain within the grace), each within a bound; a second call does nothing.
   */
  @Override
  public void close() {
    runtime.close();
  }
}
