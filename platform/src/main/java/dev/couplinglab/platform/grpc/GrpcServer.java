package dev.couplinglab.platform.grpc;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server with what every service needs: a bounded executor, health (NOT_SERVING until {@link
 * #markServing}, and again from the start of shutdown), reflection, trace-id propagation, and the
 * guard against exceptions escaping handlers.
 */
public final class GrpcServer {

  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  private final HealthStatusManager health = new HealthStatusManager();
  private final ExecutorService executor;
  private final Server server;

  public GrpcServer(ServerBuilder<?> builder, int threads, List<BindableService> services) {
    this.executor = boundedExecutor(threads);
    builder.executor(executor);
    for (BindableService service : services) {
      builder.addService(
          ServerInterceptors.intercept(
              service, new UnexpectedErrors(), Tracing.serverInterceptor()));
    }
    builder.addService(health.getHealthService());
    builder.addService(ProtoReflectionServiceV1.newInstance());
    this.server = builder.build();
    health.setStatus("", ServingStatus.NOT_SERVING);
  }

  public GrpcServer start() throws IOException {
    server.start();
    return this;
  }

  public int port() {
    return server.getPort();
  }

  /** Reports SERVING for the whole server and for {@code serviceName} (a full gRPC name). */
  public void markServing(String... serviceNames) {
    health.setStatus("", ServingStatus.SERVING);
    for (String name : serviceNames) {
      health.setStatus(name, ServingStatus.SERVING);
    }
  }

  public void setStatus(String serviceName, ServingStatus status) {
    health.setStatus(serviceName, status);
  }

  /** NOT_SERVING, stop accepting, let calls in flight finish within {@code grace}, then cut. */
  public void shutdown(Duration grace) {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Calls still running after {} ms; cancelling them", grace.toMillis());
        server.shutdownNow();
        server.awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    }
    executor.shutdownNow();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** A fixed pool; the queue is bounded by flow control on each connection. */
  private static ExecutorService boundedExecutor(int threads) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        task -> {
          Thread t = new Thread(task, "grpc-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
