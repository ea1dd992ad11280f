package dev.couplinglab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import com.google.rpc.BadRequest;
import dev.couplinglab.contracts.v1.GetResilienceRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc.ResilienceServiceBlockingStub;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.admin.AdminAuth;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.runtime.ServiceSettings;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ResilienceService against order-service over real gRPC: retries, circuit breaker, bulkhead,
 * deadline and entry pool switched at run time, in front of the scripted downstream services.
 * order-service runs with 4 gRPC threads and a sync pool of 2 threads and 1 queued chain.
 */
class ResilienceIT {

  private static final String TOKEN = "resilience-it-token";
  private static final Duration DEADLINE = Duration.ofMillis(300);
  private static final int GRPC_THREADS = 4;

  @TempDir static Path kafkaDir;
  private static LocalKafka kafka;

  @TempDir Path dataDir;
  private FakeDownstream downstream;
  private OrderApp app;
  private ManagedChannel channel;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startOnFreePorts(kafkaDir);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void start() throws Exception {
    downstream = new FakeDownstream();
    app =
        OrderApp.start(
            OrderConfig.forTest(
                    ServiceSettings.forTest(
                            OrderConfig.SERVICE_NAME, dataDir, kafka.bootstrapServers())
                        .withGrpcThreads(GRPC_THREADS)
                        .withAdmin(AdminSettings.withToken(TOKEN)),
                    downstream.target(),
                    downstream.target())
                .withDeadlines(DEADLINE, DEADLINE)
                .withEntry(new OrderConfig.Entry(2, 1, false)),
            fatal -> {});
    channel = Channels.plaintext("localhost:" + app.grpcPort());
  }

  @AfterEach
  void stop() throws Exception {
    CountDownLatch gate = downstream.reserveGate;
    if (gate != null) {
      gate.countDown();
    }
    channel.shutdownNow();
    app.close();
    downstream.close();
  }

  private ResilienceServiceBlockingStub resilience(String token) {
    ResilienceServiceBlockingStub stub =
        ResilienceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (token == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(AdminAuth.AUTHORIZATION, "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private ResilienceSettings set(ResilienceSettings.Builder settings) {
    return resilience(TOKEN).setResilience(settings.build());
  }

  private ResilienceSettings get() {
    return resilience(TOKEN).getResilience(GetResilienceRequest.getDefaultInstance());
  }

  private Order place(String orderId) {
    return OrderServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId(orderId)
                .setSku("SKU-LAMP")
                .setQuantity(1)
                .setStyle(Style.SYNC)
                .build());
  }

  private Status placeFailure(Style style, String orderId, Duration deadline) {
    return catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                OrderServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                    .placeOrder(request(orderId, style)))
        .getStatus();
  }

  private PlaceOrderRequest request(String orderId, Style style) {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(orderId)
        .setSku("SKU-LAMP")
        .setQuantity(1)
        .setStyle(style)
        .build();
  }

  private Status failure(String orderId) {
    return catchThrowableOfType(StatusRuntimeException.class, () -> place(orderId)).getStatus();
  }

  @Test
  void startsWithTodaysBehaviour() {
    ResilienceSettings settings = get();

    assertThat(settings.getInventoryDeadlineMs()).as("inventory deadline").isEqualTo(300);
    assertThat(settings.getNotificationDeadlineMs()).as("notification deadline").isEqualTo(300);
    assertThat(settings.getMaxAttempts()).as("attempts from the config").isEqualTo(1);
    assertThat(settings.getCircuitBreakerEnabled()).as("breaker").isFalse();
    assertThat(settings.getBulkheadEnabled()).as("bulkhead").isFalse();
    assertThat(settings.getCounters().getInventoryBreakerState())
        .as("breaker state")
        .isEqualTo("DISABLED");
  }

  @Test
  void needsTheAdminTokenAndRefusesValuesOutOfRange() throws Exception {
    Status noToken =
        catchThrowableOfType(
                StatusRuntimeException.class,
                () -> resilience(null).getResilience(GetResilienceRequest.getDefaultInstance()))
            .getStatus();
    StatusRuntimeException bad =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> set(ResilienceSettings.newBuilder().setMaxAttempts(6).setInventoryDeadlineMs(0)));

    assertThat(noToken.getCode()).as("without a token").isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(bad.getStatus().getCode()).as("bad values").isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            StatusProto.fromThrowable(bad)
                .getDetails(0)
                .unpack(BadRequest.class)
                .getFieldViolationsList())
        .extracting(BadRequest.FieldViolation::getField)
        .containsExactly("inventory_deadline_ms", "max_attempts");
    assertThat(get().getMaxAttempts()).as("attempts unchanged").isEqualTo(1);
  }

  @Test
  void retriesAnUnavailableReserveAndConfirmsTheOrderOnce() {
    ResilienceSettings after =
        set(
            ResilienceSettings.newBuilder()
                .setMaxAttempts(3)
                .setBackoffMs(10)
                .setInventoryDeadlineMs(5000));
    assertThat(after.getMaxAttempts()).as("attempts in force").isEqualTo(3);
    assertThat(after.getNotificationDeadlineMs()).as("a field left out").isEqualTo(300);
    downstream.failNextReserves(2, Status.UNAVAILABLE.withDescription("inventory restarting"));

    Order order = place("retry-1");

    assertThat(order.getState()).as("state").isEqualTo(OrderState.CONFIRMED);
    assertThat(downstream.reserves)
        .as("Reserve attempts, all for the same order id")
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.getOrderId()).isEqualTo("retry-1"));
    assertThat(downstream.notifications).as("notified once").hasSize(1);
    assertThat(get().getCounters().getRetries()).as("retries counted").isEqualTo(2);
  }

  @Test
  void neverRetriesAnAnswerOtherThanUnavailable() {
    set(ResilienceSettings.newBuilder().setMaxAttempts(3).setBackoffMs(10));
    downstream.reserveStatus = Status.FAILED_PRECONDITION.withDescription("insufficient stock");

    Order order = place("no-retry-1");

    assertThat(order.getState()).as("state").isEqualTo(OrderState.REJECTED);
    assertThat(downstream.reserves).as("Reserve attempts").hasSize(1);
    assertThat(get().getCounters().getRetries()).as("retries").isZero();
  }

  @Test
  void anOpenCircuitFailsFastWithoutCallingInventory() {
    set(
        ResilienceSettings.newBuilder()
            .setCircuitBreakerEnabled(true)
            .setFailureRateThreshold(50)
            .setBreakerWindowCalls(4)
            .setOpenMs(60_000));
    downstream.reserveStatus = Status.UNAVAILABLE.withDescription("inventory is down");
    for (int i = 1; i <= 4; i++) {
      assertThat(failure("cb-" + i).getDescription())
          .as("failure %d comes from inventory", i)
          .contains("inventory is down");
    }
    assertThat(get().getCounters().getInventoryBreakerState())
        .as("breaker after 4 failures out of 4")
        .isEqualTo("OPEN");

    Status fast = failure("cb-5");

    assertThat(fast.getCode()).as("code").isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(fast.getDescription())
        .as("description")
        .contains("circuit open for inventory-service");
    assertThat(downstream.reserves).as("Reserve calls that reached inventory").hasSize(4);
    assertThat(get().getCounters().getRejectedByBreaker()).as("rejected by breaker").isEqualTo(1);
  }

  @Test
  void aFullBulkheadRejectsTheNextCallWithResourceExhausted() throws Exception {
    set(
        ResilienceSettings.newBuilder()
            .setBulkheadEnabled(true)
            .setMaxConcurrent(1)
            .setInventoryDeadlineMs(20_000));
    CountDownLatch gate = new CountDownLatch(1);
    downstream.reserveGate = gate;
    CompletableFuture<Order> first = CompletableFuture.supplyAsync(() -> place("bh-1"));
    await("the first Reserve is in flight")
        .atMost(Duration.ofSeconds(10))
        .until(() -> downstream.reserves.size() == 1);

    Status second = failure("bh-2");
    gate.countDown();

    assertThat(second.getCode()).as("code").isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(second.getDescription())
        .as("description")
        .contains("bulkhead full for inventory-service");
    assertThat(first.get(20, TimeUnit.SECONDS).getState())
        .as("the call that held the bulkhead")
        .isEqualTo(OrderState.CONFIRMED);
    assertThat(downstream.reserves).as("Reserve calls that reached inventory").hasSize(1);
    assertThat(get().getCounters().getRejectedByBulkhead()).as("rejected by bulkhead").isEqualTo(1);
  }

  @Test
  void aNewDeadlineTakesEffectOnTheNextCall() {
    downstream.reserveDelay = Duration.ofMillis(800);
    set(ResilienceSettings.newBuilder().setInventoryDeadlineMs(10_000));

    Order longDeadline = place("dl-1");
    set(ResilienceSettings.newBuilder().setInventoryDeadlineMs(100));
    Status shortDeadline = failure("dl-2");

    assertThat(longDeadline.getState())
        .as("an 800 ms Reserve under a 10 s deadline")
        .isEqualTo(OrderState.CONFIRMED);
    assertThat(shortDeadline.getCode())
        .as("an 800 ms Reserve under a 100 ms deadline")
        .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
  }

  @Test
  void aFullSyncPoolRefusesTheNextSyncOrderAtOnceWhileAsyncOrdersAreAccepted() throws Exception {
    set(ResilienceSettings.newBuilder().setInventoryDeadlineMs(20_000));
    CountDownLatch gate = new CountDownLatch(1);
    downstream.reserveGate = gate;
    List<CompletableFuture<Order>> held = new ArrayList<>();
    for (String id : List.of("sp-1", "sp-2", "sp-3")) {
      held.add(CompletableFuture.supplyAsync(() -> place(id)));
    }
    await("two sync chains hold the pool's two threads, one waits in its queue")
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> downstream.reserves.size() == 2 && get().getCounters().getSyncPoolQueued() == 1);

    Status refused = placeFailure(Style.SYNC, "sp-4", Duration.ofSeconds(5));
    Order async =
        OrderServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .placeOrder(request("sp-async", Style.ASYNC));
    Status unknown =
        catchThrowableOfType(
                StatusRuntimeException.class,
                () ->
                    OrderServiceGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(5, TimeUnit.SECONDS)
                        .getOrder(
                            dev.couplinglab.contracts.v1.GetOrderRequest.newBuilder()
                                .setOrderId("sp-4")
                                .build()))
            .getStatus();
    gate.countDown();

    assertThat(refused.getCode()).as("code").isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(refused.getDescription())
        .as("description")
        .contains("nothing stored")
        .contains("2 threads, 1 queued at most");
    assertThat(unknown.getCode())
        .as("the refused order was not stored")
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(async.getState())
        .as("an async order accepted while the sync pool is full")
        .isEqualTo(OrderState.PENDING);
    for (CompletableFuture<Order> order : held) {
      assertThat(order.get(20, TimeUnit.SECONDS).getState())
          .as("a held or queued sync order, once inventory answers")
          .isEqualTo(OrderState.CONFIRMED);
    }
    assertThat(get().getCounters().getRejectedBySyncPool())
        .as("refused by the sync pool")
        .isEqualTo(1);
  }

  @Test
  void aSharedPoolLetsBlockedSyncChainsHoldUpAsyncOrders() throws Exception {
    ResilienceSettings shared =
        set(
            ResilienceSettings.newBuilder()
                .setSharedEntryPool(true)
                .setInventoryDeadlineMs(20_000));
    CountDownLatch gate = new CountDownLatch(1);
    downstream.reserveGate = gate;
    List<CompletableFuture<Order>> held = new ArrayList<>();
    for (int i = 1; i <= GRPC_THREADS; i++) {
      String id = "sh-" + i;
      held.add(CompletableFuture.supplyAsync(() -> place(id)));
    }
    await("every gRPC thread is held by a sync chain waiting on Reserve")
        .atMost(Duration.ofSeconds(10))
        .until(() -> downstream.reserves.size() == GRPC_THREADS);

    Status async = placeFailure(Style.ASYNC, "sh-async", Duration.ofSeconds(2));
    gate.countDown();

    assertThat(shared.getSharedEntryPool()).as("setting in force").isTrue();
    assertThat(async.getCode())
        .as("an async order queued behind the blocked sync chains")
        .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    for (CompletableFuture<Order> order : held) {
      assertThat(order.get(20, TimeUnit.SECONDS).getState())
          .as("a sync order, once inventory answers")
          .isEqualTo(OrderState.CONFIRMED);
    }
  }
}
