package dev.couplinglab.platform.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.ListenableFuture;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One executor thread, a handler that holds it 700 ms, four calls sent at once. */
class QueueSheddingTest {

  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private Server server;
  private ManagedChannel channel;

  private void start(QueueShedding shedding) throws Exception {
    OrderServiceGrpc.OrderServiceImplBase slow =
        new OrderServiceGrpc.OrderServiceImplBase() {
          @Override
          public void placeOrder(PlaceOrderRequest request, StreamObserver<Order> answer) {
            try {
              Thread.sleep(700);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            answer.onNext(Order.newBuilder().setOrderId(request.getOrderId()).build());
            answer.onCompleted();
          }
        };
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .executor(executor)
            .addStreamTracerFactory(shedding.arrivals())
            .addService(ServerInterceptors.intercept(slow, shedding.interceptor()))
            .build()
            .start();
    channel =
        ManagedChannelBuilder.forTarget("127.0.0.1:" + server.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    executor.shutdownNow();
  }

  @Test
  void callsThatWaitedPastTheLimitAreRefusedAndTheOneRunningIsServed() throws Exception {
    QueueShedding shedding = new QueueShedding(Duration.ofMillis(200));
    start(shedding);

    List<Status> answers = fourCallsAtOnce();

    assertThat(answers).filteredOn(Status::isOk).as("the first call had the thread").hasSize(1);
    List<Status> refused = answers.stream().filter(s -> !s.isOk()).toList();
    assertThat(refused).hasSize(3);
    assertThat(refused)
        .allSatisfy(
            s -> {
              assertThat(s.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              assertThat(s.getDescription())
                  .startsWith("PlaceOrder refused, nothing done: it waited ")
                  .contains("more than the 200 ms limit (GRPC_QUEUE_LIMIT_MS)");
            });
    assertThat(shedding.shed()).isEqualTo(3);
  }

  @Test
  void withNoLimitEveryQueuedCallWaitsItsTurn() throws Exception {
    QueueShedding off = new QueueShedding(Duration.ZERO);
    start(off);

    assertThat(fourCallsAtOnce()).allMatch(Status::isOk);
    assertThat(off.shed()).isZero();
  }

  private List<Status> fourCallsAtOnce() throws Exception {
    OrderServiceGrpc.OrderServiceFutureStub stub = OrderServiceGrpc.newFutureStub(channel);
    List<ListenableFuture<Order>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(
          stub.withDeadlineAfter(10, TimeUnit.SECONDS)
              .placeOrder(PlaceOrderRequest.newBuilder().setOrderId("o-" + i).build()));
    }
    List<Status> answers = new ArrayList<>();
    for (ListenableFuture<Order> call : calls) {
      try {
        call.get(10, TimeUnit.SECONDS);
        answers.add(Status.OK);
      } catch (ExecutionException e) {
        answers.add(Status.fromThrowable(e.getCause()));
      }
    }
    return answers;
  }
}
