package dev.couplinglab.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.telemetry.SpanFile;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each order is one trace across the three real services (in-process, real gRPC on TCP, a real
 * broker), read back from the span files they write by default: the sync chain as nested calls, the
 * async chain through each outbox, broker hop and consumer.
 */
class TraceIT {

  private static final Duration BOUND = Duration.ofSeconds(30);
  private static final Metadata.Key<String> TRACEPARENT =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  private static TracedCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TracedCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aSyncOrderIsOneTraceOfNestedCalls() {
    String traceId = newTraceId();
    Order order = place(Style.SYNC, "00-" + traceId + "-" + CLIENT_SPAN + "-01");
    assertThat(order.getState()).as("sync outcome").isEqualTo(OrderState.CONFIRMED);
    assertThat(order.getTraceId()).as("the order's trace id").isEqualTo(traceId);

    Trace trace = awaitTrace(traceId, "couplinglab.v1.NotificationService/Notify", 2);

    SpanFile.Span placeOrder = trace.root();
    assertThat(placeOrder.name()).isEqualTo("couplinglab.v1.OrderService/PlaceOrder");
    assertThat(placeOrder.parentSpanId()).as("parent: the client's span").isEqualTo(CLIENT_SPAN);
    assertThat(placeOrder.attributes()).containsEntry("couplinglab.order.id", order.getOrderId());
    SpanFile.Span reserveCall =
        trace.childOf(placeOrder, "couplinglab.v1.InventoryService/Reserve", order());
    SpanFile.Span reserve =
        trace.childOf(reserveCall, "couplinglab.v1.InventoryService/Reserve", inventory());
    trace.childOf(reserve, "store commit", inventory());
    SpanFile.Span notifyCall =
        trace.childOf(placeOrder, "couplinglab.v1.NotificationService/Notify", order());
    SpanFile.Span notify =
        trace.childOf(notifyCall, "couplinglab.v1.NotificationService/Notify", notification());
    trace.childOf(notify, "store commit", notification());
    trace.childOf(placeOrder, "store commit", order());
    assertThat(reserve.attributes()).containsEntry("rpc.grpc.status_code", "0");
  }

  @Test
  void anAsyncOrderIsOneTraceThroughEachOutboxAndBrokerHop() {
    String traceId = newTraceId();
    Order order = place(Style.ASYNC, "00-" + traceId + "-" + CLIENT_SPAN + "-01");
    awaitState(order.getOrderId(), OrderState.CONFIRMED);

    Trace trace = awaitTrace(traceId, "store commit", 1, notification());

    SpanFile.Span placeOrder = trace.root();
    assertThat(placeOrder.name()).isEqualTo("couplinglab.v1.OrderService/PlaceOrder");
    SpanFile.Span commit = trace.childOf(placeOrder, "store commit", order());
    SpanFile.Span processed = hop(trace, commit, Topics.ORDERS.name(), order(), inventory());
    SpanFile.Span decided = trace.childOf(processed, "store commit", inventory());
    SpanFile.Span answered = hop(trace, decided, Topics.INVENTORY.name(), inventory(), order());
    SpanFile.Span finished = trace.childOf(answered, "store commit", order());
    SpanFile.Span notified =
        hop(trace, finished, Topics.NOTIFICATIONS.name(), order(), notification());
    trace.childOf(notified, "store commit", notification());
    assertThat(processed.attributes())
        .as("process span's attributes")
        .containsEntry("messaging.destination.name", Topics.ORDERS.name())
        .containsEntry("couplinglab.order.id", order.getOrderId())
        .containsKey("messaging.kafka.offset");
  }

  @Test
  void theCompensationOfAFailedSyncOrderIsInItsTrace() {
    String traceId = newTraceId();
    cluster.delayReserve(Duration.ofSeconds(4)); // past order-service's 2 s Reserve deadline
    try {
      StatusRuntimeException failed =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () -> place(Style.SYNC, "00-" + traceId + "-" + CLIENT_SPAN + "-01"));
      assertThat(failed).as("the client's answer").isNotNull();
      assertThat(failed.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    } finally {
      cluster.clearFaults();
    }

    Trace trace = awaitTrace(traceId, "couplinglab.v1.InventoryService/Release", 2);
    SpanFile.Span placeOrder = trace.root();
    SpanFile.Span compensation = trace.childOf(placeOrder, "compensation Release", order());
    SpanFile.Span release =
        trace.childOf(compensation, "couplinglab.v1.InventoryService/Release", order());
    trace.childOf(release, "couplinglab.v1.InventoryService/Release", inventory());
    assertThat(compensation.attributes())
        .as("compensation's attributes")
        .containsEntry("couplinglab.outcome", "acknowledged")
        .containsEntry("couplinglab.style", "sync");
    SpanFile.Span reserveCall =
        trace.childOf(placeOrder, "couplinglab.v1.InventoryService/Reserve", order());
    assertThat(reserveCall.error()).as("the Reserve that timed out is an error").isTrue();
  }

  @Test
  void aMalformedTraceparentStartsANewTrace() {
    Order order = place(Style.SYNC, "evil orderId=victim");
    assertThat(order.getTraceId()).as("a new trace id").matches("[0-9a-f]{32}");

    Trace trace = awaitTrace(order.getTraceId(), "couplinglab.v1.NotificationService/Notify", 2);
    assertThat(trace.root().isRoot()).as("PlaceOrder span has no parent").isTrue();
  }

  @Test
  void aRecordDeliveredAgainAfterAConsumerRestartStaysInItsTrace() throws Exception {
    String traceId = newTraceId();
    Order order = place(Style.ASYNC, "00-" + traceId + "-" + CLIENT_SPAN + "-01");
    awaitState(order.getOrderId(), OrderState.CONFIRMED);
    awaitTrace(traceId, "store commit", 1, notification());

    cluster.stopInventory();
    rewindInventoryConsumer();
    cluster.startInventory();

    Trace trace = awaitTrace(traceId, "process " + Topics.ORDERS.name(), 2);
    List<SpanFile.Span> hops = trace.named("broker hop " + Topics.ORDERS.name());
    assertThat(hops).as("hops of the OrderPlaced record, first and again").hasSize(2);
    assertThat(hops.get(0).parentSpanId())
        .as("both hops are children of the one outbox wait")
        .isEqualTo(hops.get(1).parentSpanId());
  }

  /** The outbox wait, broker hop and process spans of one event; returns the process span. */
  private static SpanFile.Span hop(
      Trace trace, SpanFile.Span writer, String topic, String from, String to) {
    SpanFile.Span wait = trace.childOf(writer, "outbox wait " + topic, from);
    assertThat(wait.endEpochNanos())
        .as("wait ends after it starts")
        .isGreaterThan(wait.startEpochNanos());
    SpanFile.Span hop = trace.childOf(wait, "broker hop " + topic, to);
    return trace.childOf(hop, "process " + topic, to);
  }

  private static Trace awaitTrace(String traceId, String lastName, int count) {
    return awaitTrace(traceId, lastName, count, null);
  }

  /**
   * Waits until the trace holds {@code count} spans named {@code lastName} (of {@code service}) and
   * every service has written its part (one span without a parent in the trace).
   */
  private static Trace awaitTrace(String traceId, String lastName, int count, String service) {
    AtomicReference<Trace> trace = new AtomicReference<>();
    await("spans of trace " + traceId)
        .atMost(BOUND)
        .untilAsserted(
            () -> {
              Trace now = Trace.of(cluster.spans(), traceId);
              trace.set(now);
              assertThat(
                      now.spans().stream()
                          .filter(s -> s.name().equals(lastName))
                          .filter(s -> service == null || s.service().equals(service)))
                  .as("spans named %s of %s", lastName, service)
                  .hasSizeGreaterThanOrEqualTo(count);
              now.root();
            });
    return trace.get();
  }

  private static Order place(Style style, String traceparent) {
    Metadata headers = new Metadata();
    headers.put(TRACEPARENT, traceparent);
    return OrderServiceGrpc.newBlockingStub(cluster.orderChannel())
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(BOUND)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId(UUID.randomUUID().toString())
                .setSku("SKU-APPLE")
                .setQuantity(1)
                .setStyle(style)
                .setCustomerId("c-trace")
                .build());
  }

  private static void awaitState(String orderId, OrderState state) {
    await("order " + orderId + " " + state)
        .atMost(BOUND)
        .until(
            () ->
                OrderServiceGrpc.newBlockingStub(cluster.orderChannel())
                    .withDeadlineAfter(BOUND)
                    .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build())
                    .getState(),
            s -> s == state);
  }

  /** Moves inventory-service's group back to the start of the orders topic (while it is down). */
  private static void rewindInventoryConsumer() throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()))) {
      String group = Service.INVENTORY.consumerGroup();
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
      Map<TopicPartition, OffsetAndMetadata> start =
          committed.keySet().stream()
              .filter(p -> p.topic().equals(Topics.ORDERS.name()))
              .collect(java.util.stream.Collectors.toMap(p -> p, p -> new OffsetAndMetadata(0)));
      admin.alterConsumerGroupOffsets(group, start).all().get();
    }
  }

  private static final String CLIENT_SPAN = "00f067aa0ba902b7";

  private static String newTraceId() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format("%016x%016x", random.nextLong() | 1, random.nextLong());
  }

  private static String order() {
    return Service.ORDER.serviceName();
  }

  private static String inventory() {
    return Service.INVENTORY.serviceName();
  }

  private static String notification() {
    return Service.NOTIFICATION.serviceName();
  }
}
