package dev.couplinglab.lab;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.Style;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A small OrderService over real TCP with fixed answers: SKU-RARE is refused, async orders stay
 * PENDING until watched (order "o-slow" never finishes), order "o-1" exists.
 */
final class FakeOrderService extends OrderServiceGrpc.OrderServiceImplBase
    implements AutoCloseable {

  private final Server server;

  FakeOrderService() throws IOException {
    this.server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(this)
            .build()
            .start();
  }

  String address() {
    return "localhost:" + server.getPort();
  }

  @Override
  public void placeOrder(PlaceOrderRequest request, StreamObserver<Order> response) {
    Order.Builder order =
        Order.newBuilder()
            .setOrderId(
                request.getOrderId().isEmpty() ? generatedId(request) : request.getOrderId())
            .setSku(request.getSku())
            .setQuantity(request.getQuantity())
            .setStyle(request.getStyle())
            .setTraceId("trace-1");
    if (request.getSku().equals("SKU-RARE")) {
      order
          .setState(OrderState.REJECTED)
          .setRejectReason(RejectReason.INSUFFICIENT_STOCK)
          .setDetail("insufficient stock for SKU-RARE: requested 5, available 1");
    } else if (request.getStyle() == Style.ASYNC) {
      order.setState(OrderState.PENDING);
    } else {
      order.setState(OrderState.CONFIRMED);
    }
    response.onNext(order.build());
    response.onCompleted();
  }

  /** "o-generated" for sync, "o-generated-async" for async: two orders at once differ. */
  private static String generatedId(PlaceOrderRequest request) {
    return request.getStyle() == Style.ASYNC ? "o-generated-async" : "o-generated";
  }

  @Override
  public void watchOrder(GetOrderRequest request, StreamObserver<Order> response) {
    Order.Builder order =
        Order.newBuilder()
            .setOrderId(request.getOrderId())
            .setSku("SKU-APPLE")
            .setQuantity(1)
            .setStyle(Style.ASYNC)
            .setTraceId("trace-1")
            .setState(OrderState.PENDING);
    response.onNext(order.build());
    if (!request.getOrderId().equals("o-slow")) {
      response.onNext(order.setState(OrderState.CONFIRMED).build());
      response.onCompleted();
    }
  }

  @Override
  public void getOrder(GetOrderRequest request, StreamObserver<Order> response) {
    if (!request.getOrderId().equals("o-1")) {
      response.onError(
          Status.NOT_FOUND.withDescription("no order " + request.getOrderId()).asException());
      return;
    }
    response.onNext(
        Order.newBuilder()
            .setOrderId("o-1")
            .setSku("SKU-LAMP")
            .setQuantity(2)
            .setStyle(Style.SYNC)
            .setState(OrderState.CONFIRMED)
            .setTraceId("trace-1")
            .setCreatedAtMicros(1_795_000_000_000_000L)
            .build());
    response.onCompleted();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
