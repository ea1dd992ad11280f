package dev.couplinglab.platform.metrics;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ForwardingClientCallListener.SimpleForwardingClientCallListener;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * gRPC call metrics: a latency histogram per method and status code on each side, and the calls in
 * flight on the server. gRPC Java ships metrics only through OpenTelemetry ({@code
 * grpc-opentelemetry}), whose Prometheus exporter is still alpha and would be one more pipeline;
 * two small interceptors record the same figures straight into the service's registry.
 *
 * <p>Labels: {@code grpc_service} and {@code grpc_method} (e.g. {@code
 * couplinglab.v1.OrderService}, {@code PlaceOrder}) and {@code grpc_code} (e.g. {@code OK}, {@code
 * UNAVAILABLE}). The buckets run from 0.5 ms to 30 s, what this machine's calls take from an idle
 * hop to a deadline.
 */
public final class GrpcMetrics {

  private static final double[] BOUNDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };

  private final Histogram server;
  private final Histogram client;
  private final Gauge inFlight;

  GrpcMetrics(PrometheusRegistry registry) {
    this.server =
        Histogram.builder()
            .name("rpc_server_duration_seconds")
            .help("gRPC calls this service answered, from the call's start to its status")
            .unit(Unit.SECONDS)
            .labelNames("grpc_service", "grpc_method", "grpc_code")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .register(registry);
    this.client =
        Histogram.builder()
            .name("rpc_client_duration_seconds")
            .help("gRPC calls this service made, from the call's start to its status")
            .unit(Unit.SECONDS)
            .labelNames("grpc_service", "grpc_method", "grpc_code")
            .classicOnly()
            .classicUpperBounds(BOUNDS)
            .register(registry);
    this.inFlight =
        Gauge.builder()
            .name("rpc_server_in_flight")
            .help("gRPC calls this service has started and not yet answered")
            .labelNames("grpc_service", "grpc_method")
            .register(registry);
  }

  public ServerInterceptor serverInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        MethodDescriptor<Q, R> method = call.getMethodDescriptor();
        String service = method.getServiceName();
        String name = method.getBareMethodName();
        long start = System.nanoTime();
        var calls = inFlight.labelValues(service, name);
        calls.inc();
        AtomicBoolean ended = new AtomicBoolean();
        Consumer<Status.Code> end =
            code -> {
              if (ended.compareAndSet(false, true)) {
                calls.dec();
                server
                    .labelValues(service, name, code.name())
                    .observe((System.nanoTime() - start) / 1e9);
              }
            };
        ServerCall.Listener<Q> listener =
            next.startCall(
                new SimpleForwardingServerCall<>(call) {
                  @Override
                  public void close(Status status, Metadata trailers) {
                    end.accept(status.getCode());
                    super.close(status, trailers);
                  }
                },
                headers);
        // A call the client cancelled may never be closed by the handler: it ends here then.
        return new SimpleForwardingServerCallListener<>(listener) {
          @Override
          public void onCancel() {
            end.accept(Status.Code.CANCELLED);
            super.onCancel();
          }
        };
      }
    };
  }

  public ClientInterceptor clientInterceptor() {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String service = method.getServiceName();
        String name = method.getBareMethodName();
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            long start = System.nanoTime();
            super.start(
                new SimpleForwardingClientCallListener<>(listener) {
                  @Override
                  public void onClose(Status status, Metadata trailers) {
                    client
                        .labelValues(service, name, status.getCode().name())
                        .observe((System.nanoTime() - start) / 1e9);
                    super.onClose(status, trailers);
                  }
                },
                headers);
          }
        };
      }
    };
  }
}
