package dev.couplinglab.platform.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last line of defence: an exception that escapes a handler becomes {@code INTERNAL} with a
 * description and one ERROR line, instead of the bare {@code UNKNOWN} grpc-java would send.
 * Handlers are expected to map their own failures; reaching this is a bug.
 */
public final class UnexpectedErrors implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      private void guard(Runnable step) {
        try {
          step.run();
        } catch (RuntimeException e) {
          String method = call.getMethodDescriptor().getFullMethodName();
          log.error("Unhandled error in {}", method, e);
          call.close(
              Status.INTERNAL.withDescription(method + " failed unexpectedly: " + e),
              new Metadata());
        }
      }
    };
  }
}
