package dev.couplinglab.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.common.util.concurrent.ListenableFuture;
import dev.couplinglab.clusterkit.InProcessCluster;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.contracts.v1.ListFaultsRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.inventory.InventoryApp;
import dev.couplinglab.inventory.InventoryConfig;
import dev.couplinglab.inventory.messaging.OrderPlacedHandler;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.kafka.KafkaClients;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A graceful restart of inventory-service under load, by the path SIGTERM takes (the shutdown hook
 * of {@code InventoryServiceMain} calls {@link InventoryApp#close()}), with order-service making
 * two attempts per downstream call: health says NOT_SERVING from the start of shutdown, every call
 * in flight then completes, and the Kafka consumer commits what it processed, so the next instance
 * on the same store and group processes no record twice and loses none. The consumer is slowed (100
 * ms per record) so that it is in the middle of a long poll when it is closed: the records it
 * settled in that poll are committed on close or not at all.
 *
 * <p>What is not claimed: calls that START after shutdown began find no server (the old one no
 * longer accepts, the new one is not up yet) and may fail with UNAVAILABLE, retry or not. A
 * graceful restart removes the cut calls, not the outage of a single instance; async orders are
 * accepted throughout.
 */
class GracefulRestartIT {

  private static final String TOKEN = "restart-it-" + UUID.randomUUID();

  /** Long enough that the calls held by it are still in flight when the shutdown begins. */
  private static final int RESERVE_DELAY_MS = 2000;

  private static final int IN_FLIGHT = 8;
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir Path dir;
  private InProcessCluster cluster;
  private InventoryConfig inventoryConfig;
  private ManagedChannel orderChannel;
  private ManagedChannel inventoryChannel;
  private final ScheduledExecutorService senders = Executors.newScheduledThreadPool(2);
  private final AtomicInteger outstanding = new AtomicInteger();
  private final ListAppender<ILoggingEvent> handlerLog = new ListAppender<>();
  private final Logger handlerLogger = (Logger) LoggerFactory.getLogger(OrderPlacedHandler.class);

  @BeforeEach
  void startCluster() throws Exception {
    handlerLog.start();
    handlerLogger.addAppender(handlerLog);
    cluster =
        InProcessCluster.in(dir)
            .inventory(
                s ->
                    s.withGrpcThreads(16)
                        .withShutdownGrace(Duration.ofSeconds(5)) // the default SHUTDOWN_GRACE_MS
                        .withAdmin(AdminSettings.withToken(TOKEN)))
            .orderSettings(s -> s.withGrpcThreads(8))
            .order(
                c ->
                    c.withDeadlines(Duration.ofMillis(RESERVE_DELAY_MS * 3), Duration.ofSeconds(2))
                        // the claim is made with two attempts per downstream call
                        .withDownstreamMaxAttempts(2))
            .start();
    inventoryConfig = cluster.inventoryConfig();
    orderChannel = cluster.orderChannel();
    inventoryChannel = cluster.inventoryChannel();
  }

  @AfterEach
  void stopCluster() {
    senders.shutdownNow();
    cluster.close();
    handlerLogger.detachAppender(handlerLog);
  }

  @Test
  void aGracefulRestartCutsNoCallInFlightAndConsumesEveryRecordOnce() throws Exception {
    assertThat(place(Style.SYNC).get(30, TimeUnit.SECONDS).getState())
        .as("warm-up sync order")
        .isEqualTo(OrderState.CONFIRMED);
    Queue<Outcome> async = new ConcurrentLinkedQueue<>();
    senders.scheduleAtFixedRate(() -> send(Style.ASYNC, async), 0, 25, TimeUnit.MILLISECONDS);
    await("a busy consumer").atMost(BOUND).until(() -> inboxRows() >= 20);
    // A slow consumer with a backlog works through long polls: when it is closed, the records it
    // settled in the current poll are not committed yet, whatever the periodic commit did.
    inject(consumerDelay());
    await("a backlog").atMost(BOUND).until(() -> endOffsets() - inboxRows() >= 60);
    HealthWatch health = HealthWatch.open(inventoryChannel);
    await("SERVING").atMost(BOUND).until(() -> health.last() == ServingStatus.SERVING);
    inject(reserveDelay());
    Queue<Outcome> inFlight = new ConcurrentLinkedQueue<>();
    for (int i = 0; i < IN_FLIGHT; i++) {
      send(Style.SYNC, inFlight);
    }
    await("calls held in Reserve").atMost(BOUND).until(() -> reservesHeld() >= IN_FLIGHT);

    long shutdownBegan = System.nanoTime();
    Thread shutdown = new Thread(cluster::stopInventory, "shutdown"); // what the SIGTERM hook runs
    shutdown.start();
    Queue<Outcome> lateSync = new ConcurrentLinkedQueue<>();
    senders.scheduleAtFixedRate(() -> send(Style.SYNC, lateSync), 0, 100, TimeUnit.MILLISECONDS);
    assertDrained(inFlight, shutdownBegan, health);
    shutdown.join(BOUND.toMillis());
    assertThat(shutdown.isAlive()).as("close() returned").isFalse();
    assertCommittedWhatItProcessed();

    cluster.startInventory();
    long restarted = System.nanoTime();
    await("async orders after the restart")
        .atMost(BOUND)
        .until(() -> async.stream().filter(o -> o.doneAt() > restarted).count() >= 20);
    await("a sync order served by the new instance")
        .atMost(BOUND)
        .until(() -> lateSync.stream().anyMatch(o -> o.doneAt() > restarted && o.ok()));
    senders.shutdownNow();
    senders.awaitTermination(10, TimeUnit.SECONDS);
    await("calls still open").atMost(BOUND).until(() -> outstanding.get() == 0);
    assertThat(async)
        .as("async PlaceOrders during the restart: all accepted")
        .allMatch(Outcome::ok);
    assertThat(lateSync)
        .as(
            "sync calls started after the shutdown began: OK, or UNAVAILABLE in the gap (%d of %d)",
            lateSync.stream().filter(o -> !o.ok()).count(), lateSync.size())
        .allMatch(o -> o.ok() || o.code() == Status.Code.UNAVAILABLE);
    assertEveryRecordProcessedOnce(async);
  }

  /** The calls held in Reserve when the shutdown began all finish, after NOT_SERVING. */
  private static void assertDrained(
      Queue<Outcome> inFlight, long shutdownBegan, HealthWatch health) {
    await("the calls in flight").atMost(BOUND).until(() -> inFlight.size() == IN_FLIGHT);
    assertThat(inFlight)
        .as("precondition: every one was held in Reserve when the shutdown began")
        .allMatch(o -> o.doneAt() > shutdownBegan);
    assertThat(inFlight)
        .as("sync orders in flight when the shutdown began (0 failed)")
        .allMatch(o -> o.ok() && o.state() == OrderState.CONFIRMED);
    await("NOT_SERVING").atMost(BOUND).until(() -> health.notServingAt() > 0);
    assertThat(health.notServingAt())
        .as("NOT_SERVING from the start of shutdown, before the calls in flight were drained")
        .isBetween(shutdownBegan, inFlight.stream().mapToLong(Outcome::doneAt).min().orElse(0));
  }

  /** Read while no instance runs: what the consumer committed on close, against its inbox. */
  private void assertCommittedWhatItProcessed() throws Exception {
    long processed = inboxRows();
    assertThat(processed).as("records the old instance processed").isGreaterThan(20);
    assertThat(endOffsets() - processed)
        .as("precondition: records left for the next instance")
        .isPositive();
    assertThat(committedOffsets())
        .as("offsets the old consumer committed on close = records it processed")
        .isEqualTo(processed);
  }

  /** Once the new instance has consumed the backlog: one inbox row per record, no redelivery. */
  private void assertEveryRecordProcessedOnce(Queue<Outcome> async) throws Exception {
    for (Outcome o : async) {
      await().atMost(BOUND).until(() -> get(o.orderId()).getState() != OrderState.PENDING);
      assertThat(get(o.orderId()).getState())
          .as("async order " + o.orderId())
          .isEqualTo(OrderState.CONFIRMED);
    }
    await("every record committed").atMost(BOUND).until(() -> committedOffsets() == endOffsets());
    assertThat(inboxRows())
        .as("records on %s: each processed once, none lost", Topics.ORDERS.name())
        .isEqualTo(endOffsets());
    assertThat(handlerLog.list)
        .as("redelivered records the inbox had to skip")
        .noneMatch(e -> e.getFormattedMessage().startsWith("Duplicate event"));
  }

  /** How one PlaceOrder ended, and when (System.nanoTime). */
  private record Outcome(String orderId, Status.Code code, OrderState state, long doneAt) {
    boolean ok() {
      return code == Status.Code.OK;
    }
  }

  // --- helpers ---

  private static FaultSpec reserveDelay() {
    return FaultSpec.newBuilder()
        .setLatency(
            LatencyFault.newBuilder()
                .setMethod("Reserve")
                .setFixedMs(RESERVE_DELAY_MS)
                .setProbability(1))
        .build();
  }

  private static FaultSpec consumerDelay() {
    return FaultSpec.newBuilder()
        .setConsumer(ConsumerFault.newBuilder().setTopic(Topics.ORDERS.name()).setDelayMs(100))
        .build();
  }

  private void inject(FaultSpec spec) {
    admin().injectFault(spec);
  }

  private AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return FlowAdmin.stub(inventoryChannel, TOKEN);
  }

  /** Reserve calls the latency fault has taken in (it counts a call when it begins holding it). */
  private long reservesHeld() {
    return admin().listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList().stream()
        .filter(f -> f.getSpec().hasLatency())
        .mapToLong(f -> f.getFired())
        .sum();
  }

  private ListenableFuture<Order> place(Style style) {
    return OrderServiceGrpc.newFutureStub(orderChannel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId("restart-" + UUID.randomUUID())
                .setSku("SKU-APPLE")
                .setQuantity(1)
                .setStyle(style)
                .build());
  }

  /** Places an order without waiting; its outcome is added to {@code outcomes} when it ends. */
  private void send(Style style, Queue<Outcome> outcomes) {
    outstanding.incrementAndGet();
    ListenableFuture<Order> call = place(style);
    call.addListener(
        () -> {
          long now = System.nanoTime();
          try {
            Order o = call.get();
            outcomes.add(new Outcome(o.getOrderId(), Status.Code.OK, o.getState(), now));
          } catch (Exception e) {
            outcomes.add(new Outcome("", Status.fromThrowable(e).getCode(), null, now));
          } finally {
            outstanding.decrementAndGet();
          }
        },
        Runnable::run);
  }

  private Order get(String orderId) {
    return OrderServiceGrpc.newBlockingStub(orderChannel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
  }

  /** OrderPlaced events inventory-service's store marked processed (its inbox). */
  private long inboxRows() throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + inventoryConfig.databaseFile());
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT COUNT(*) FROM processed_events WHERE topic = '"
                    + Topics.ORDERS.name()
                    + "'")) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  /** The sum over partitions of what inventory-service's group committed on the orders topic. */
  private long committedOffsets() throws Exception {
    try (Admin admin = KafkaClients.admin(inventoryConfig.settings().kafka())) {
      return admin
          .listConsumerGroupOffsets(InventoryConfig.SERVICE)
          .partitionsToOffsetAndMetadata()
          .get(10, TimeUnit.SECONDS)
          .entrySet()
          .stream()
          .filter(e -> e.getKey().topic().equals(Topics.ORDERS.name()) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset())
          .sum();
    }
  }

  /** Records written to the orders topic (no transactions: one offset per record). */
  private long endOffsets() throws Exception {
    try (Admin admin = KafkaClients.admin(inventoryConfig.settings().kafka())) {
      List<TopicPartition> partitions =
          admin
              .describeTopics(List.of(Topics.ORDERS.name()))
              .allTopicNames()
              .get(10, TimeUnit.SECONDS)
              .get(Topics.ORDERS.name())
              .partitions()
              .stream()
              .map(p -> new TopicPartition(Topics.ORDERS.name(), p.partition()))
              .toList();
      Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
      partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
      return admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
          .mapToLong(r -> r.offset())
          .sum();
    }
  }

  /**
   * A health Watch on inventory-service: the last status, and when NOT_SERVING came. It cancels
   * itself on NOT_SERVING: an open stream is a call in flight, which the drain would wait for.
   */
  private static final class HealthWatch
      implements ClientResponseObserver<HealthCheckRequest, HealthCheckResponse> {
    private final AtomicReference<ServingStatus> last = new AtomicReference<>();
    private final AtomicLong notServingAt = new AtomicLong();
    private ClientCallStreamObserver<HealthCheckRequest> call;

    static HealthWatch open(ManagedChannel channel) {
      HealthWatch watch = new HealthWatch();
      HealthGrpc.newStub(channel)
          .watch(
              HealthCheckRequest.newBuilder().setService(InventoryServiceGrpc.SERVICE_NAME).build(),
              watch);
      return watch;
    }

    ServingStatus last() {
      return last.get();
    }

    long notServingAt() {
      return notServingAt.get();
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<HealthCheckRequest> requestStream) {
      call = requestStream;
    }

    @Override
    public void onNext(HealthCheckResponse response) {
      last.set(response.getStatus());
      if (response.getStatus() == ServingStatus.NOT_SERVING) {
        notServingAt.compareAndSet(0, System.nanoTime());
        call.cancel("seen NOT_SERVING", null);
      }
    }

    @Override
    public void onError(Throwable t) {}

    @Override
    public void onCompleted() {}
  }
}
