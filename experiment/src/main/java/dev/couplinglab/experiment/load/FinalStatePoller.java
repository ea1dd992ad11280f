package dev.couplinglab.experiment.load;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc.OrderServiceBlockingStub;
import dev.couplinglab.contracts.v1.OrderState;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * After the load: polls GetOrder for accepted orders whose final state the client has not seen
 * (still pending, or their WatchOrder stream broke), until all are final or the bound passes. A
 * state found by polling is timed when it was found, so its end-to-end latency is an upper bound
 * (off by at most one poll interval).
 */
public final class FinalStatePoller {

  private static final Duration INTERVAL = Duration.ofMillis(250);
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(2);

  private final OrderServiceBlockingStub stub;
  private final LongSupplier now;

  /**
   * @param now nanoseconds since the load start, the clock of the records
   */
  public FinalStatePoller(Channel orderChannel, LongSupplier now) {
    this.stub = OrderServiceGrpc.newBlockingStub(orderChannel);
    this.now = now;
  }

  /** Returns true when every accepted record is final before {@code untilNanos} (load clock). */
  public boolean awaitFinal(List<OrderRecord> records, long untilNanos) {
    while (true) {
      List<OrderRecord> open =
          records.stream().filter(r -> r.accepted() && r.finalState() == null).toList();
      if (open.isEmpty()) {
        return true;
      }
      if (now.getAsLong() >= untilNanos) {
        return false;
      }
      for (OrderRecord r : open) {
        if (r.finalState() == null) {
          poll(r);
        }
        if (now.getAsLong() >= untilNanos) {
          break;
        }
      }
      LockSupport.parkNanos(INTERVAL.toNanos());
    }
  }

  private void poll(OrderRecord r) {
    try {
      Order order =
          stub.withDeadlineAfter(CALL_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .getOrder(GetOrderRequest.newBuilder().setOrderId(r.orderId()).build());
      if (OrderRecord.isFinal(order.getState())) {
        String reason =
            order.getState() == OrderState.REJECTED ? order.getRejectReason().name() : null;
        r.finished(now.getAsLong(), order.getState(), reason, OrderRecord.FinalVia.POLL);
      }
    } catch (StatusRuntimeException e) {
      // order-service not answering yet: try again next round
    }
  }
}
