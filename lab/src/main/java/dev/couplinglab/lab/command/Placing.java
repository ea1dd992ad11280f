package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.experiment.trace.TraceParent;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One PlaceOrder on its way, sent without waiting so that two orders leave at once, timed from its
 * send to its answer. Each order has a sampled W3C trace context of its own: the services trace it
 * whatever their sampling, and its WatchOrder joins its trace.
 */
final class Placing {

  private final OrderServiceGrpc.OrderServiceBlockingStub stub;
  private final CompletableFuture<Order> answer = new CompletableFuture<>();
  private final long sentNanos;
  // Written before the answer completes, read after it: the future orders the two.
  private long answeredNanos;

  private Placing(OrderServiceGrpc.OrderServiceBlockingStub stub) {
    this.stub = stub;
    this.sentNanos = System.nanoTime();
  }

  static Placing send(Channel channel, Deadline deadline, PlaceOrderRequest request) {
    TraceParent parent = TraceParent.sampled();
    Placing placing =
        new Placing(
            OrderServiceGrpc.newBlockingStub(channel)
                .withDeadline(deadline)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(parent.metadata())));
    OrderServiceGrpc.newStub(channel)
        .withDeadline(deadline)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(parent.metadata()))
        .placeOrder(
            request,
            new StreamObserver<>() {
              @Override
              public void onNext(Order order) {
                placing.answeredNanos = System.nanoTime();
                placing.answer.complete(order);
              }

              @Override
              public void onError(Throwable t) {
                placing.answer.completeExceptionally(t);
              }

              @Override
              public void onCompleted() {}
            });
    return placing;
  }

  /** The answer, waited for; a failed call throws its status as a blocking call would. */
  Order answer() throws InterruptedException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException status) {
        throw status;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** From the send to the answer; call after {@link #answer()}. */
  long answeredNanos() {
    return answeredNanos - sentNanos;
  }

  long sinceSentNanos() {
    return System.nanoTime() - sentNanos;
  }

  /**
   * A stub for this order's further calls (its WatchOrder), in its trace and under its deadline.
   */
  OrderServiceGrpc.OrderServiceBlockingStub stub() {
    return stub;
  }
}
