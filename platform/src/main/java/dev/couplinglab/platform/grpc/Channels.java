package dev.couplinglab.platform.grpc;

import dev.couplinglab.platform.telemetry.Telemetry;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * Client channels to other services. They carry no retry policy: a caller that retries does it in
 * code it can switch at run time (order-service's {@code Resilience}: only on UNAVAILABLE, bounded,
 * only for calls idempotent by a request key).
 */
public final class Channels {

  private Channels() {}

  /** A plaintext channel to {@code target} ("host:port") with no spans: for tests and tools. */
  public static ManagedChannel plaintext(String target) {
    return plaintext(target, Telemetry.noop());
  }

  /**
   * A plaintext channel to {@code target} ("host:port"): each call is a client span of {@code
   * telemetry}'s and carries the current trace context ({@code traceparent}); {@code interceptors}
   * see the call from outside that (e.g. {@code GrpcMetrics.clientInterceptor()}).
   */
  public static ManagedChannel plaintext(
      String target, Telemetry telemetry, ClientInterceptor... interceptors) {
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .intercept(telemetry.clientInterceptor())
        .intercept(interceptors)
        .build();
  }
}
