package dev.couplinglab.platform.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.DoubleSupplier;

/**
 * One service's Prometheus metrics, served as text at {@code http://<bind>:<port>/metrics}.
 *
 * <p>Each service has a registry of its own rather than the client's global one, since the tests
 * run three services in one JVM and each must show its own figures. The JVM's metrics (memory, GC,
 * threads) are in it too. Most figures the services already count for their admin API (retries,
 * refusals, records handled); they are read at scrape time through callbacks, so nothing is counted
 * twice and the hot path gains nothing. What only metrics need (latency histograms, calls in
 * flight) is recorded by {@link GrpcMetrics}.
 *
 * <p>Names follow Prometheus conventions: {@code couplinglab_} for the lab's own figures, {@code
 * rpc_} for the gRPC calls, base units (seconds), {@code _total} on counters.
 */
public final class ServiceMetrics implements AutoCloseable {

  /** The prefix of the lab's own metric names. */
  public static final String PREFIX = "couplinglab_";

  private final String service;
  private final PrometheusRegistry registry;
  private final HTTPServer server;
  private GrpcMetrics grpc;

  private ServiceMetrics(String service, PrometheusRegistry registry, HTTPServer server) {
    this.service = service;
    this.registry = registry;
    this.server = server;
  }

  /**
   * Registers the JVM's metrics and serves the registry on {@code bindAddress:port} (port 0: a free
   * one, see {@link #port()}).
   */
  public static ServiceMetrics start(String service, String bindAddress, int port) {
    PrometheusRegistry registry = new PrometheusRegistry();
    JvmMetrics.builder().register(registry);
    try {
      HTTPServer server =
          HTTPServer.builder().hostname(bindAddress).port(port).registry(registry).buildAndStart();
      return new ServiceMetrics(service, registry, server);
    } catch (IOException e) {
      throw new UncheckedIOException(
          service + ": cannot serve metrics on " + bindAddress + ":" + port + ": " + e.getMessage(),
          e);
    }
  }

  public String service() {
    return service;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  /** The port /metrics is served on. */
  public int port() {
    return server.getPort();
  }

  /** gRPC server and client call metrics recorded into this registry (one set per service). */
  public synchronized GrpcMetrics grpc() {
    if (grpc == null) {
      grpc = new GrpcMetrics(registry);
    }
    return grpc;
  }

  /** A counter read from {@code value} at each scrape; {@code name} without {@code _total}. */
  public void counter(String name, String help, DoubleSupplier value) {
    CounterWithCallback.builder()
        .name(PREFIX + name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  /** A gauge read from {@code value} at each scrape. */
  public void gauge(String name, String help, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(PREFIX + name)
        .help(help)
        .callback(cb -> cb.call(value.getAsDouble()))
        .register(registry);
  }

  /** A counter with one label, read from {@code value} at each scrape. */
  public void counter(
      String name, String help, String label, String labelValue, DoubleSupplier value) {
    CounterWithCallback.builder()
        .name(PREFIX + name)
        .help(help)
        .labelNames(label)
        .callback(cb -> cb.call(value.getAsDouble(), labelValue))
        .register(registry);
  }

  /** A gauge with one label, read from {@code value} at each scrape. */
  public void gauge(
      String name, String help, String label, String labelValue, DoubleSupplier value) {
    GaugeWithCallback.builder()
        .name(PREFIX + name)
        .help(help)
        .labelNames(label)
        .callback(cb -> cb.call(value.getAsDouble(), labelValue))
        .register(registry);
  }

  @Override
  public void close() {
    server.close();
  }
}
