package dev.couplinglab.order.api;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.order.domain.OrderRules;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One WatchOrder stream: sends each new state once, in order, and completes on a final state.
 * Updates arrive from several threads (the request, the Kafka consumer), hence the lock.
 */
final class OrderWatch {

  private final ServerCallStreamObserver<Order> call;
  private Runnable onFinal = () -> {};
  private Order last;
  private boolean done;

  OrderWatch(ServerCallStreamObserver<Order> call) {
    this.call = call;
  }

  synchronized void onFinal(Runnable action) {
    this.onFinal = action;
  }

  synchronized void send(Order order) {
    if (done || call.isCancelled()) {
      return;
    }
    if (last != null
        && (last.getState() == order.getState() || OrderRules.isFinal(last.getState()))) {
      return;
    }
    last = order;
    call.onNext(order);
    if (OrderRules.isFinal(order.getState())) {
      done = true;
      call.onCompleted();
      onFinal.run();
    }
  }
}
