package dev.couplinglab.platform.grpc;

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

  /**
   * A plaintext channel to {@code target} ("host:port") that propagates the trace id, with {@code
   * interceptors} outside that (e.g. {@code GrpcMetrics.clientInterceptor()}).
   */
  public static ManagedChannel plaintext(String target, ClientInterceptor... interceptors) {
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .intercept(Tracing.clientInterceptor())
        .intercept(interceptors)
        .build();
  }
}
