package dev.couplinglab.experiment.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.experiment.trace.TraceParent;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  private static final String HOLD = "hold";

  private final List<String> skus = new CopyOnWriteArrayList<>();
  private final AtomicInteger watches = new AtomicInteger();
  private final List<String> traceparents = new CopyOnWriteArrayList<>();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    ServerInterceptor headers =
        new ServerInterceptor() {
          @Override
          public <Q, R> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
            String parent = metadata.get(TraceParent.HEADER);
            if (parent != null) {
              traceparents.add(parent);
            }
            return next.startCall(call, metadata);
          }
        };
    server =
        ServerBuilder.forPort(0)
            .intercept(headers)
            .addService(
                new OrderServiceGrpc.OrderServiceImplBase() {
                  @Override
                  public void placeOrder(PlaceOrderRequest request, StreamObserver<Order> answer) {
                    skus.add(request.getSku());
                    if (request.getCustomerId().equals(HOLD)) {
                      return; // never answered: the call waits until the server stops
                    }
                    OrderState state =
                        request.getStyle() == Style.ASYNC
                            ? OrderState.PENDING
                            : OrderState.CONFIRMED;
                    answer.onNext(
                        Order.newBuilder()
                            .setOrderId(request.getOrderId())
                            .setState(state)
                            .build());
                    answer.onCompleted();
                  }

                  @Override
                  public void watchOrder(GetOrderRequest request, StreamObserver<Order> updates) {
                    watches.incrementAndGet();
                    updates.onCompleted();
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

  @Test
  void unfollowedSendsItsOwnRequestsAndWatchesNoAcceptedOrder() throws Exception {
    LoadSpec async =
        new LoadSpec(20, Duration.ofMillis(500), List.of(RunStyle.ASYNC), "", 1, SPEC.deadline());
    LoadGenerator.Requests requests =
        (style, orderId) ->
            PlaceOrderRequest.newBuilder()
                .setOrderId(orderId)
                .setSku("SKU-" + orderId.substring(orderId.lastIndexOf('-') + 1))
                .setQuantity(1)
                .setStyle(style.proto())
                .build();
    var options = LoadGenerator.Options.unfollowed(100, requests);
    try (LoadGenerator load = new LoadGenerator(channel, async, "t3", options)) {
      load.start(System.nanoTime());
      load.awaitSent();
      assertThat(load.awaitAnswers(Duration.ofSeconds(5))).as("all answered").isTrue();

      assertThat(skus).as("the requests made by the options").contains("SKU-0", "SKU-9");
      assertThat(load.records(RunStyle.ASYNC)).allMatch(r -> r.answerState() == OrderState.PENDING);
      assertThat(watches.get()).as("no WatchOrder stream").isZero();
    }
  }

  @Test
  void aSendDueWhileTheBoundOfCallsWaitsFailsAsClientOverloaded() throws Exception {
    LoadGenerator.Requests held =
        (style, orderId) ->
            PlaceOrderRequest.newBuilder()
                .setOrderId(orderId)
                .setStyle(style.proto())
                .setCustomerId(HOLD)
                .build();
    try (LoadGenerator load =
        new LoadGenerator(channel, SPEC, "t4", LoadGenerator.Options.unfollowed(3, held))) {
      load.start(System.nanoTime());
      load.awaitSent();

      List<OrderRecord> records = load.records(RunStyle.SYNC);
      assertThat(records).as("every scheduled send has a record").hasSize(10);
      assertThat(load.sent(RunStyle.SYNC)).as("sent: the bound").isEqualTo(3);
      assertThat(
              records.stream().filter(r -> LoadGenerator.CLIENT_OVERLOADED.equals(r.errorCode())))
          .as("not sent, failed as client-overloaded")
          .hasSize(7);
      assertThat(load.errors(RunStyle.SYNC)).isEqualTo(7);
    }
  }

  @Test
  void tracedOrdersCarryASampledTraceparentWhoseTraceIdTheirRecordKeeps() throws Exception {
    var options = new LoadGenerator.Options(Duration.ofSeconds(10), Integer.MAX_VALUE, null, 10);
    try (LoadGenerator load = new LoadGenerator(channel, SPEC, "t5", options)) {
      load.start(System.nanoTime());
      load.awaitSent();
      assertThat(load.awaitAnswers(Duration.ofSeconds(5))).isTrue();

      List<String> traced =
          load.records(RunStyle.SYNC).stream()
              .map(OrderRecord::traceId)
              .filter(java.util.Objects::nonNull)
              .toList();
      assertThat(traced).as("20/s with 10 traced a second: every other order").hasSize(5);
      assertThat(traceparents).hasSize(5);
      assertThat(traceparents)
          .allMatch(h -> h.matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01"))
          .extracting(h -> h.substring(3, 35))
          .containsExactlyInAnyOrderElementsOf(traced);
    }
  }
}
