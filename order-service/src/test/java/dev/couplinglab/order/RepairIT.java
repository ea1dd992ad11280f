package dev.couplinglab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.GetResilienceRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceCounters;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc.ResilienceServiceBlockingStub;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.order.store.OrderStore;
import dev.couplinglab.platform.admin.AdminAuth;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.runtime.ServiceSettings;
import dev.couplinglab.platform.store.Database;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Durable repair of the sync chain over real gRPC: a Release or Notify that could not be made is
 * made once the downstream answers again, also by an order-service started anew on the same
 * database file; with repair none it is not made at all.
 */
class RepairIT {

  private static final String TOKEN = "repair-it-token";
  private static final Duration DEADLINE = Duration.ofMillis(300);
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Status DOWN = Status.UNAVAILABLE.withDescription("downstream is down");

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
    startApp();
  }

  @AfterEach
  void stop() throws Exception {
    stopApp();
    downstream.close();
  }

  private void startApp() throws Exception {
    app =
        OrderApp.start(
            OrderConfig.forTest(
                    ServiceSettings.forTest(
                            OrderConfig.SERVICE_NAME, dataDir, kafka.bootstrapServers())
                        .withAdmin(AdminSettings.withToken(TOKEN)),
                    downstream.target(),
                    downstream.target())
                .withDeadlines(DEADLINE, DEADLINE),
            fatal -> {});
    channel = Channels.plaintext("localhost:" + app.grpcPort());
  }

  private void stopApp() throws Exception {
    channel.shutdownNow();
    app.close();
  }

  /** A new order-service on the same database file, as after a crash or a redeploy. */
  private void restartApp() throws Exception {
    stopApp();
    startApp();
  }

  private ResilienceServiceBlockingStub resilience() {
    Metadata headers = new Metadata();
    headers.put(AdminAuth.AUTHORIZATION, "Bearer " + TOKEN);
    return ResilienceServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private void repair(RepairMode mode) {
    ResilienceSettings now =
        resilience().setResilience(ResilienceSettings.newBuilder().setRepair(mode).build());
    assertThat(now.getRepair()).as("repair mode in force").isEqualTo(mode);
  }

  private ResilienceCounters counters() {
    return resilience().getResilience(GetResilienceRequest.getDefaultInstance()).getCounters();
  }

  private Status placeFails(String orderId) {
    return catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                OrderServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .placeOrder(
                        PlaceOrderRequest.newBuilder()
                            .setOrderId(orderId)
                            .setSku("SKU-LAMP")
                            .setQuantity(1)
                            .setStyle(Style.SYNC)
                            .build()))
        .getStatus();
  }

  private OrderState state(String orderId) {
    return OrderServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build())
        .getState();
  }

  /** Reserve is applied by inventory but answers too late; the compensating Release cannot pass. */
  private void failAfterReserveWithInventoryUnreachable(String orderId) {
    downstream.reserveDelay = DEADLINE.multipliedBy(3);
    downstream.releaseStatus = DOWN;

    assertThat(placeFails(orderId).getCode())
        .as("the client's answer")
        .isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    assertThat(downstream.reserves).as("Reserve reached inventory").hasSize(1);
    assertThat(state(orderId)).as("stored state").isEqualTo(OrderState.FAILED);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> assertThat(downstream.releaseAttempts).as("Release tried").hasPositiveValue());
  }

  /**
   * A kill -9 between storing a sync order and its answer leaves it PENDING with no chain to finish
   * it, while its Reserve may have been applied. The row is written here as the crash leaves it.
   */
  @Test
  void aSyncOrderLeftPendingByACrashIsFailedAtStartAndItsReleaseRepaired() throws Exception {
    Path databaseFile = dataDir.resolve("order.db");
    stopApp();
    assertThat(databaseFile).as("the store the next start reads").exists();
    try (Database db = new Database(Database.sqliteFile(databaseFile))) {
      long now = System.currentTimeMillis() * 1000;
      db.inTransaction(
          c ->
              OrderStore.insertIfAbsent(
                  c,
                  Order.newBuilder()
                      .setOrderId("cut-chain")
                      .setSku("SKU-LAMP")
                      .setQuantity(1)
                      .setStyle(Style.SYNC)
                      .setCustomerId("repair-it")
                      .setState(OrderState.PENDING)
                      .setTraceId("0123456789abcdef")
                      .setCreatedAtMicros(now)
                      .setUpdatedAtMicros(now)
                      .build()));
    }

    startApp();

    assertThat(state("cut-chain")).as("no chain finishes it: FAILED").isEqualTo(OrderState.FAILED);
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(downstream.releases)
                    .as("its Release, owed since the Reserve may have landed")
                    .extracting(r -> r.getOrderId())
                    .containsExactly("cut-chain"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(counters().getRepairsPending()).as("row gone").isZero());
    assertThat(counters().getRepairsRecorded()).as("recorded").isEqualTo(1);
  }

  @Test
  void durableRepairReleasesTheReservationOfAFailedOrderOnceInventoryAnswersAgain() {
    failAfterReserveWithInventoryUnreachable("repair-release");
    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(downstream.releaseAttempts.get())
                    .as("Release retried while inventory is unreachable")
                    .isGreaterThanOrEqualTo(2));
    assertThat(counters().getRepairsPending()).as("pending while unreachable").isEqualTo(1);
    assertThat(downstream.releases).as("nothing released yet").isEmpty();

    downstream.releaseStatus = Status.OK;

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(downstream.releases)
                    .as("the Release delivered")
                    .extracting(r -> r.getOrderId())
                    .containsExactly("repair-release"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(counters().getRepairsPending()).as("row gone").isZero());
    ResilienceCounters counters = counters();
    assertThat(counters.getRepairsRecorded()).as("recorded").isEqualTo(1);
    assertThat(counters.getRepairsDone()).as("done").isEqualTo(1);
    assertThat(counters.getLongestRepairMs()).as("longest repair").isPositive();
  }

  @Test
  void durableReleaseSurvivesAnOrderServiceRestart() throws Exception {
    failAfterReserveWithInventoryUnreachable("repair-release-restart");

    restartApp();
    downstream.releaseStatus = Status.OK;

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(downstream.releases)
                    .as("the Release delivered by the new order-service")
                    .extracting(r -> r.getOrderId())
                    .containsExactly("repair-release-restart"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(counters().getRepairsPending()).as("row gone").isZero());
    assertThat(counters().getRepairsDone()).as("done by the new instance").isEqualTo(1);
  }

  @Test
  void withoutRepairAFailedCompensationIsNeverRetried() {
    repair(RepairMode.REPAIR_NONE);
    failAfterReserveWithInventoryUnreachable("naive-release");

    downstream.releaseStatus = Status.OK;

    ResilienceCounters counters = counters();
    assertThat(counters.getRepairsPending()).as("nothing recorded to retry").isZero();
    assertThat(counters.getRepairsRecorded()).as("recorded").isZero();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(
            () -> {
              assertThat(downstream.releaseAttempts).as("the one best-effort attempt").hasValue(1);
              assertThat(downstream.releases).as("the reservation stays held").isEmpty();
            });
  }

  @Test
  void aFailedOrderIsNotReservedAgainWhileItsReleaseIsOwed() {
    failAfterReserveWithInventoryUnreachable("repair-retry");
    downstream.reserveDelay = Duration.ZERO;

    Status retried = placeFails("repair-retry");

    assertThat(retried.getCode()).as("the client's retry").isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(retried.getDescription()).as("why").contains("Release has not reached");
    assertThat(downstream.reserves).as("no second Reserve").hasSize(1);
  }

  private void confirmWithNotificationDown(String orderId) {
    downstream.notifyStatus = DOWN;

    Status answer = placeFails(orderId);

    assertThat(answer.getCode()).as("the client's answer").isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(state(orderId)).as("stored state").isEqualTo(OrderState.CONFIRMED);
    assertThat(downstream.notifications).as("not notified yet").isEmpty();
  }

  @Test
  void durableRepairSendsTheNotificationOnceNotificationServiceAnswersAgain() {
    confirmWithNotificationDown("repair-notify");
    assertThat(counters().getRepairsPending()).as("pending while down").isEqualTo(1);

    downstream.notifyStatus = Status.OK;

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(downstream.notifications)
                    .as("the Notify delivered")
                    .extracting(n -> n.getOrderId() + " " + n.getOutcome())
                    .containsExactly("repair-notify CONFIRMED"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(counters().getRepairsPending()).as("row gone").isZero());
    assertThat(counters().getRepairsDone()).as("done").isEqualTo(1);
  }

  @Test
  void durableNotificationSurvivesAnOrderServiceRestart() throws Exception {
    confirmWithNotificationDown("repair-notify-restart");

    restartApp();
    downstream.notifyStatus = Status.OK;

    await()
        .atMost(WAIT)
        .untilAsserted(
            () ->
                assertThat(downstream.notifications)
                    .as("the Notify delivered by the new order-service")
                    .extracting(n -> n.getOrderId())
                    .containsExactly("repair-notify-restart"));
    await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(counters().getRepairsPending()).as("row gone").isZero());
  }

  @Test
  void withoutRepairAFailedNotificationIsNeverRetried() {
    repair(RepairMode.REPAIR_NONE);
    confirmWithNotificationDown("naive-notify");

    downstream.notifyStatus = Status.OK;

    assertThat(counters().getRepairsPending()).as("nothing recorded to retry").isZero();
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(
            () -> {
              assertThat(downstream.notifyAttempts).as("the one attempt").hasValue(1);
              assertThat(downstream.notifications).as("never notified").isEmpty();
            });
  }
}
