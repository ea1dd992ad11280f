package dev.couplinglab.platform.grpc;

import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.admin.FaultSpecs;
import dev.couplinglab.platform.logging.JulBridge;
import dev.couplinglab.platform.metrics.GrpcMetrics;
import dev.couplinglab.platform.telemetry.Telemetry;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A gRPC server with what every service needs: a bounded executor, health (NOT_SERVING until {@link
 * #markServing}, and again from the start of shutdown), reflection, a server span per call (child
 * of the caller's W3C {@code traceparent}, {@link Telemetry#serverInterceptor()}), the guard
 * against exceptions escaping handlers, INVALID_ARGUMENT for a request that is not a valid message
 * ({@link MalformedRequests}), and, when given, call metrics ({@link GrpcMetrics}) and load
 * shedding ({@link QueueShedding}) on the business services.
 *
 * <p>With an {@link AdminApi}, it also serves the admin services (behind their token) and applies
 * injected faults to the business services. The control plane (admin, health, reflection) runs on
 * an executor of its own, so a fault or an overload that fills the business executor can still be
 * seen and cleared.
 */
public final class GrpcServer {

  private static final Logger log = LoggerFactory.getLogger(GrpcServer.class);

  /** Where a service listens unless {@code GRPC_BIND_ADDRESS} says otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  private static final int CONTROL_THREADS = 2;

  static {
    JulBridge.install(); // grpc-java logs through java.util.logging
  }

  private final HealthStatusManager health;
  private final ExecutorService executor;
  private final ExecutorService controlExecutor;
  private final Server server;

  public GrpcServer(ServerBuilder<?> builder, int threads, List<BindableService> services) {
    this(builder, threads, services, null);
  }

  /**
   * @param admin the admin services and the fault interceptor, or null for none
   */
  public GrpcServer(
      ServerBuilder<?> builder, int threads, List<BindableService> services, AdminApi admin) {
    this(builder, threads, services, admin, new Health());
  }

  /**
   * @param admin the admin services and the fault interceptor, or null for none
   * @param health the service's health, which its parts may have reported to already
   */
  public GrpcServer(
      ServerBuilder<?> builder,
      int threads,
      List<BindableService> services,
      AdminApi admin,
      Health health) {
    this(builder, threads, services, admin, health, Telemetry.noop());
  }

  /**
   * @param admin the admin services and the fault interceptor, or null for none
   * @param health the service's health, which its parts may have reported to already
   * @param telemetry the service's: a span per call to its services and its admin services
   */
  public GrpcServer(
      ServerBuilder<?> builder,
      int threads,
      List<BindableService> services,
      AdminApi admin,
      Health health,
      Telemetry telemetry) {
    this(builder, threads, services, admin, health, telemetry, null, List.of());
  }

  /**
   * @param admin the admin services and the fault interceptor, or null for none
   * @param health the service's health, which its parts may have reported to already
   * @param telemetry the service's: a span per call to its services and its admin services
   * @param shedding refuses business calls that waited too long for a thread, or null
   * @param observers interceptors that see every business call from outside the rest, so a call
   *     shed or refused counts too: metrics ({@link GrpcMetrics}, a service's own), the first
   *     outermost
   */
  public GrpcServer(
      ServerBuilder<?> builder,
      int threads,
      List<BindableService> services,
      AdminApi admin,
      Health health,
      Telemetry telemetry,
      QueueShedding shedding,
      List<ServerInterceptor> observers) {
    this.health = health.manager();
    ServerInterceptor tracing = telemetry.serverInterceptor();
    this.executor = boundedExecutor(threads, "grpc-");
    this.controlExecutor = boundedExecutor(CONTROL_THREADS, "grpc-control-");
    builder.executor(executor);
    builder.callExecutor(
        new ServerCallExecutorSupplier() {
          @Override
          public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata metadata) {
            return FaultSpecs.isControlPlane(call.getMethodDescriptor().getFullMethodName())
                ? controlExecutor
                : null;
          }
        });
    List<ServerInterceptor> interceptors = new ArrayList<>();
    if (admin != null) {
      interceptors.add(admin.faultInterceptor()); // innermost: next to the handler
    }
    interceptors.add(new UnexpectedErrors());
    if (shedding != null) {
      builder.addStreamTracerFactory(shedding.arrivals());
      interceptors.add(shedding.interceptor());
    }
    interceptors.add(tracing); // outside the shedding: a shed call has its span too
    // ServerInterceptors.intercept calls the last of the list first.
    for (int i = observers.size() - 1; i >= 0; i--) {
      interceptors.add(observers.get(i));
    }
    // Every service, ours and gRPC's, answers a request it cannot parse INVALID_ARGUMENT.
    for (BindableService service : services) {
      builder.addService(
          MalformedRequests.guard(ServerInterceptors.intercept(service, interceptors)));
    }
    if (admin != null) {
      for (ServerServiceDefinition definition : admin.definitions(tracing)) {
        builder.addService(MalformedRequests.guard(definition));
      }
      log.info("{}", admin.settings().summary());
    }
    builder.addService(MalformedRequests.guard(this.health.getHealthService().bindService()));
    builder.addService(
        MalformedRequests.guard(ProtoReflectionServiceV1.newInstance().bindService()));
    this.server = builder.build();
    this.health.setStatus("", ServingStatus.NOT_SERVING);
  }

  /**
   * A builder listening on {@code bindAddress} only ({@code 127.0.0.1}: this machine; {@code
   * 0.0.0.0}: every interface, as a container needs). {@code ServerBuilder.forPort} would listen on
   * every interface, and the business APIs have no authentication.
   */
  public static ServerBuilder<?> listening(String bindAddress, int port) {
    return NettyServerBuilder.forAddress(new InetSocketAddress(bindAddress, port));
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
    controlExecutor.shutdownNow();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** A fixed pool; the queue is bounded by flow control on each connection. */
  private static ExecutorService boundedExecutor(int threads, String namePrefix) {
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        threads,
        threads,
        0,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        task -> {
          Thread t = new Thread(task, namePrefix + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }
}
