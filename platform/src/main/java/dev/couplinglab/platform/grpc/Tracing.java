package dev.couplinglab.platform.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.UUID;

/**
 * Carries a trace id across gRPC hops in the {@code x-trace-id} header. The server side puts it in
 * the gRPC {@link Context} (a new one when the caller sent none); the client side copies the
 * current one onto outgoing calls.
 */
public final class Tracing {

  public static final Metadata.Key<String> TRACE_HEADER =
      Metadata.Key.of("x-trace-id", Metadata.ASCII_STRING_MARSHALLER);

  private static final Context.Key<String> TRACE_ID = Context.key("trace-id");

  private Tracing() {}

  public static String newTraceId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** The trace id of the current call, or a new one outside any call. */
  public static String currentTraceId() {
    String traceId = TRACE_ID.get();
    return traceId != null ? traceId : newTraceId();
  }

  /** Runs {@code work} with {@code traceId} as the current trace id (e.g. in a Kafka consumer). */
  public static Context withTraceId(String traceId) {
    return Context.current().withValue(TRACE_ID, traceId);
  }

  public static ServerInterceptor serverInterceptor() {
    return new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(
          ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String traceId = headers.get(TRACE_HEADER);
        if (traceId == null || traceId.isBlank() || traceId.length() > 64) {
          traceId = newTraceId();
        }
        return Contexts.interceptCall(withTraceId(traceId), call, headers, next);
      }
    };
  }

  public static ClientInterceptor clientInterceptor() {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(
          MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            String traceId = TRACE_ID.get();
            if (traceId != null) {
              headers.put(TRACE_HEADER, traceId);
            }
            super.start(listener, headers);
          }
        };
      }
    };
  }
}
