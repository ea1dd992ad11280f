package dev.couplinglab.platform.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.List;
import java.util.Map;

/**
 * Client channels to other services. Retries come from a service config: only on UNAVAILABLE, a
 * bounded number of attempts, and only for the methods listed (callers list the ones that are
 * idempotent by a request key).
 */
public final class Channels {

  private Channels() {}

  /** A plaintext channel to {@code target} ("host:port") that propagates the trace id. */
  public static ManagedChannel plaintext(String target) {
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .intercept(Tracing.clientInterceptor())
        .build();
  }

  /**
   * Like {@link #plaintext} with retries on UNAVAILABLE for every method of {@code serviceName}.
   * {@code maxAttempts} of 1 disables retries.
   */
  public static ManagedChannel withRetries(String target, String serviceName, int maxAttempts) {
    if (maxAttempts <= 1) {
      return plaintext(target);
    }
    Map<String, ?> retryPolicy =
        Map.of(
            "maxAttempts",
            (double) maxAttempts,
            "initialBackoff",
            "0.05s",
            "maxBackoff",
            "1s",
            "backoffMultiplier",
            2.0,
            "retryableStatusCodes",
            List.of("UNAVAILABLE"));
    Map<String, ?> methodConfig =
        Map.of("name", List.of(Map.of("service", serviceName)), "retryPolicy", retryPolicy);
    return ManagedChannelBuilder.forTarget(target)
        .usePlaintext()
        .intercept(Tracing.clientInterceptor())
        .defaultServiceConfig(Map.of("methodConfig", List.of(methodConfig)))
        .enableRetry()
        .build();
  }
}
