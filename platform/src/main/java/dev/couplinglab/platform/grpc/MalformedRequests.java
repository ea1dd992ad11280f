package dev.couplinglab.platform.grpc;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import java.io.InputStream;

/**
 * A request whose bytes are not a valid message of the method's type is answered {@code
 * INVALID_ARGUMENT} with a description, and never reaches the handler. grpc-java parses a request
 * before any interceptor sees it and answers a parse failure with a bare {@code UNKNOWN}
 * ("Application error processing RPC"), so this works one level lower: the service is served on raw
 * {@link InputStream} messages ({@link ServerInterceptors#useInputStreamMessages}), and the parse,
 * which happens as each raw message is passed on, is guarded here.
 */
public final class MalformedRequests implements ServerInterceptor {

  private MalformedRequests() {}

  /** {@code service} with its requests parsed under this guard. */
  public static ServerServiceDefinition guard(ServerServiceDefinition service) {
    return ServerInterceptors.intercept(
        ServerInterceptors.useInputStreamMessages(service), new MalformedRequests());
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    return new SimpleForwardingServerCallListener<>(delegate) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        try {
          super.onMessage(message); // parses the raw message into the method's request type
        } catch (RuntimeException e) {
          refused = true;
          String method = call.getMethodDescriptor().getFullMethodName();
          call.close(
              Status.INVALID_ARGUMENT.withDescription(
                  "the request is not a valid message for " + method + ": " + reason(e)),
              new Metadata());
        }
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }

      @Override
      public void onReady() {
        if (!refused) {
          super.onReady();
        }
      }
    };
  }

  private static String reason(RuntimeException e) {
    Status status = Status.fromThrowable(e);
    String description = status.getDescription();
    Throwable cause = status.getCause() != null ? status.getCause() : e.getCause();
    String detail = cause != null && cause.getMessage() != null ? cause.getMessage() : "";
    String text = description != null ? description : e.toString();
    return detail.isEmpty() ? text : text + " (" + detail + ")";
  }
}
