package dev.couplinglab.experiment.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load's end: fixed by default, movable while open, sealed by endHere. */
class LoadGeneratorTest {

  private static final LoadSpec SPEC =
      new LoadSpec(
          20,
          Duration.ofMillis(500),
          List.of(RunStyle.SYNC),
          "SKU-APPLE",
          1,
          Duration.ofSeconds(5));

  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    server =
        ServerBuilder.forPort(0)
            .addService(
                new OrderServiceGrpc.OrderServiceImplBase() {
                  @Override
                  public void placeOrder(PlaceOrderRequest request, StreamObserver<Order> answer) {
                    answer.onNext(
                        Order.newBuilder()
                            .setOrderId(request.getOrderId())
                            .setState(OrderState.CONFIRMED)
                            .build());
                    answer.onCompleted();
                  }
                })
            .build()
            .start();
    channel =
        ManagedChannelBuilder.forTarget("localhost:" + server.getPort()).usePlaintext().build();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void sendsTheSpecsRequestsAndStopsWhenTheEndIsNotOpen() throws Exception {
    try (LoadGenerator load = new LoadGenerator(channel, SPEC, "t1", Duration.ofSeconds(10))) {
      load.start(System.nanoTime());
      load.awaitSent();

      assertThat(load.sent(RunStyle.SYNC)).as("0.5 s at 20/s").isEqualTo(10);
      assertThat(load.extendTo(Duration.ofSeconds(2).toNanos()))
          .as("sealed: no extension")
          .isFalse();
      assertThat(load.endNanos()).as("end").isEqualTo(Duration.ofMillis(500).toNanos());
    }
  }

  @Test
  void anOpenEndWaitsForItsExtensionAndStopsWhereItIsSealed() throws Exception {
    try (LoadGenerator load = new LoadGenerator(channel, SPEC, "t2", Duration.ofSeconds(10))) {
      load.openEnd();
      load.start(System.nanoTime());
      await("the senders reach the planned end and wait there")
          .atMost(Duration.ofSeconds(10))
          .until(() -> load.sent(RunStyle.SYNC) == 10 && load.now() > SPEC.duration().toNanos());

      assertThat(load.extendTo(Duration.ofSeconds(1).toNanos())).as("open: extended").isTrue();
      await("the requests of the extension are sent")
          .atMost(Duration.ofSeconds(10))
          .until(() -> load.sent(RunStyle.SYNC) == 20);
      load.endHere();
      load.awaitSent();

      assertThat(load.sent(RunStyle.SYNC)).as("1 s at 20/s").isEqualTo(20);
      assertThat(load.scheduledPerStyle()).as("scheduled up to the new end").isEqualTo(20);
      assertThat(load.records(RunStyle.SYNC)).as("records").hasSize(20);
    }
  }
}
