package dev.couplinglab.platform.admin;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Applies the active latency and error faults to a service's business methods. {@link
 * dev.couplinglab.platform.grpc.GrpcServer} puts it on the business services only, so admin, health
 * and reflection are never touched (and {@link FaultSpecs#methodMatches} refuses them too).
 *
 * <p>An error fault closes the call with its status before the handler runs. A latency fault sleeps
 * on the call's executor thread just before the handler (at half-close), then runs the handler even
 * if the client gave up meanwhile, as a slow server would: work done after a timeout is part of
 * what the lab shows. Sleeping holds one thread of the bounded gRPC executor, exactly like a slow
 * dependency would, so enough delayed calls exhaust {@code GRPC_THREADS}; the control plane (admin,
 * health) runs on its own executor and stays reachable.
 */
public final class FaultInterceptor implements ServerInterceptor {

  private final FaultRegistry faults;

  public FaultInterceptor(FaultRegistry faults) {
    this.faults = faults;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (faults.isEmpty()) {
      return next.startCall(call, headers);
    }
    String method = call.getMethodDescriptor().getFullMethodName();
    Status error = faults.errorFor(method);
    if (error != null) {
      call.close(error, new Metadata());
      return new ServerCall.Listener<>() {};
    }
    long delayMs = faults.latencyFor(method);
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    if (delayMs == 0) {
      return delegate;
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onHalfClose() {
        try {
          Thread.sleep(delayMs);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // the server is stopping
        }
        super.onHalfClose();
      }
    };
  }
}
