package dev.couplinglab.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.ReleaseRequest;
import dev.couplinglab.contracts.v1.Reservation;
import dev.couplinglab.contracts.v1.ReservationStatus;
import dev.couplinglab.contracts.v1.ReserveRequest;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.grpc.Channels;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gRPC API over real TCP, each test on a fresh store (seeded from the catalogue). */
class InventoryGrpcIT {

  @TempDir static Path kafkaDir;
  static LocalKafka kafka;

  @TempDir Path dataDir;
  final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();
  InventoryApp app;
  ManagedChannel channel;

  @BeforeAll
  static void startKafka() {
    kafka = LocalKafka.startOnFreePorts(kafkaDir);
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @BeforeEach
  void startApp() throws Exception {
    start();
  }

  @AfterEach
  void stopApp() {
    stop();
    assertThat(fatalErrors).as("fatal Kafka errors").isEmpty();
  }

  @Test
  void reserveTakesStockOnceForTheSameOrder() {
    Reservation first = stub().reserve(reserve("order-1", "SKU-DESK", 3));

    assertThat(first.getStatus()).as("status").isEqualTo(ReservationStatus.RESERVED);
    assertThat(stock("SKU-DESK"))
        .as("stock after the first Reserve")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(47, 3);

    Reservation again = stub().reserve(reserve("order-1", "SKU-DESK", 3));

    assertThat(again).as("the repeated answer").isEqualTo(first);
    assertThat(stock("SKU-DESK"))
        .as("stock after the repeated Reserve")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(47, 3);
  }

  @Test
  void refusesShortStockWithTheDetailAndTheSameAnswerOnRetry() throws Exception {
    StatusRuntimeException short1 = reserveFails(reserve("order-2", "SKU-LAMP", 20));
    StatusRuntimeException short2 = reserveFails(reserve("order-2", "SKU-LAMP", 20));

    for (StatusRuntimeException e : List.of(short1, short2)) {
      assertThat(e.getStatus().getCode()).as("code").isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(e.getStatus().getDescription())
          .as("description")
          .isEqualTo("insufficient stock for SKU-LAMP: requested 20, available 10");
      assertThat(errorInfo(e).getReason()).as("ErrorInfo reason").isEqualTo("INSUFFICIENT_STOCK");
    }
    assertThat(stock("SKU-LAMP"))
        .as("stock after the refusals")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(10, 0);
  }

  @Test
  void refusesADifferentRequestUnderAnOrderIdAlreadyUsed() {
    stub().reserve(reserve("order-3", "SKU-DESK", 2));

    StatusRuntimeException e = reserveFails(reserve("order-3", "SKU-DESK", 5));

    assertThat(e.getStatus().getCode()).as("code").isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(e.getStatus().getDescription())
        .as("description")
        .isEqualTo("order order-3 already has a reservation for 2 x SKU-DESK");
    assertThat(stock("SKU-DESK").getAvailable()).as("available").isEqualTo(48);
  }

  @Test
  void answersNotFoundForAnUnknownSkuAndWritesNothing() {
    StatusRuntimeException e = reserveFails(reserve("order-4", "SKU-NOPE", 1));

    assertThat(e.getStatus().getCode()).as("code").isEqualTo(Status.Code.NOT_FOUND);
    assertThat(e.getStatus().getDescription()).as("description").isEqualTo("unknown SKU SKU-NOPE");
    // Had the unknown-SKU request been stored, this would be ALREADY_EXISTS.
    assertThat(stub().reserve(reserve("order-4", "SKU-DESK", 1)).getStatus())
        .as("the same order id, now for a real SKU")
        .isEqualTo(ReservationStatus.RESERVED);

    StatusRuntimeException stockOfUnknown =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub().getStock(GetStockRequest.newBuilder().setSku("SKU-NOPE").build()));
    assertThat(stockOfUnknown.getStatus().getCode())
        .as("GetStock of an unknown SKU")
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void rejectsBadFieldsWithFieldViolationsAndWritesNothing() throws Exception {
    List<StockLevel> before = allStock();

    assertThat(violations(reserveFails(reserve("order-5", "SKU-DESK", 0))))
        .as("quantity 0")
        .containsExactly("quantity");
    assertThat(violations(reserveFails(reserve("", "SKU-DESK", 1))))
        .as("empty order id")
        .containsExactly("order_id");
    assertThat(violations(reserveFails(reserve("x".repeat(65), "SKU-DESK", 1))))
        .as("65-character order id")
        .containsExactly("order_id");
    assertThat(violations(reserveFails(reserve("", "", 1001))))
        .as("every bad field at once")
        .containsExactly("order_id", "sku", "quantity");
    StatusRuntimeException release =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> stub().release(ReleaseRequest.newBuilder().setOrderId("bad id").build()));
    assertThat(violations(release)).as("Release with a bad order id").containsExactly("order_id");

    assertThat(allStock()).as("stock after the rejected requests").isEqualTo(before);
    // Had "order-5" been stored with quantity 0, this would be ALREADY_EXISTS.
    assertThat(stub().reserve(reserve("order-5", "SKU-DESK", 1)).getStatus())
        .as("order-5 is still free")
        .isEqualTo(ReservationStatus.RESERVED);
  }

  @Test
  void listsEveryStockLevelOrderedBySku() {
    assertThat(allStock())
        .as("seeded stock")
        .extracting(StockLevel::getSku, StockLevel::getAvailable)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("SKU-APPLE", 10000000),
            org.assertj.core.groups.Tuple.tuple("SKU-BREAD", 10000000),
            org.assertj.core.groups.Tuple.tuple("SKU-COFFEE", 10000000),
            org.assertj.core.groups.Tuple.tuple("SKU-DESK", 50),
            org.assertj.core.groups.Tuple.tuple("SKU-LAMP", 10),
            org.assertj.core.groups.Tuple.tuple("SKU-RARE", 1));
  }

  @Test
  void releaseGivesTheStockBackOnce() {
    stub().reserve(reserve("order-6", "SKU-LAMP", 4));
    assertThat(stock("SKU-LAMP").getAvailable()).as("available after Reserve").isEqualTo(6);

    Reservation released = stub().release(release("order-6"));
    Reservation releasedAgain = stub().release(release("order-6"));

    assertThat(released.getStatus()).as("status").isEqualTo(ReservationStatus.RELEASED);
    assertThat(releasedAgain).as("second Release").isEqualTo(released);
    assertThat(stock("SKU-LAMP"))
        .as("stock after two Releases")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(10, 0);
  }

  @Test
  void releaseBeforeReserveBlocksTheLateReserve() throws Exception {
    Reservation tombstone = stub().release(release("order-7"));

    assertThat(tombstone.getStatus()).as("tombstone status").isEqualTo(ReservationStatus.RELEASED);
    assertThat(tombstone.getSku()).as("tombstone sku").isEmpty();

    StatusRuntimeException late = reserveFails(reserve("order-7", "SKU-LAMP", 1));

    assertThat(late.getStatus().getCode()).as("code").isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(late.getStatus().getDescription())
        .as("description")
        .isEqualTo("reservation for order order-7 was released");
    assertThat(errorInfo(late).getReason())
        .as("ErrorInfo reason")
        .isEqualTo("RESERVATION_RELEASED");
    assertThat(stock("SKU-LAMP").getAvailable()).as("available").isEqualTo(10);
  }

  @Test
  void keepsStockAndReservationsAcrossARestart() throws Exception {
    stub().reserve(reserve("order-8", "SKU-DESK", 7));
    stub().reserve(reserve("order-9", "SKU-RARE", 1));

    stop();
    start();

    assertThat(stock("SKU-DESK"))
        .as("SKU-DESK after the restart (not re-seeded)")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(43, 7);
    assertThat(stock("SKU-RARE").getAvailable()).as("SKU-RARE after the restart").isZero();
    assertThat(stub().reserve(reserve("order-8", "SKU-DESK", 7)).getStatus())
        .as("order-8 replayed after the restart")
        .isEqualTo(ReservationStatus.RESERVED);
    assertThat(stock("SKU-DESK").getAvailable()).as("available after the replay").isEqualTo(43);
  }

  @Test
  void servesReservationsWhileKafkaIsUnreachable(@TempDir Path otherDataDir) throws Exception {
    String nobodyListens = "localhost:" + freePort();
    try (InventoryApp offline =
        InventoryApp.start(
            InventoryConfig.forTest(otherDataDir, nobodyListens), fatalErrors::add)) {
      ManagedChannel offlineChannel = Channels.plaintext("localhost:" + offline.grpcPort());
      try {
        Reservation reservation =
            InventoryServiceGrpc.newBlockingStub(offlineChannel)
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .reserve(reserve("order-10", "SKU-DESK", 1));
        assertThat(reservation.getStatus())
            .as("Reserve without Kafka")
            .isEqualTo(ReservationStatus.RESERVED);
      } finally {
        offlineChannel.shutdownNow();
      }
    }
  }

  private static int freePort() {
    return dev.couplinglab.kafka.FreePorts.next();
  }

  private void start() throws Exception {
    app =
        InventoryApp.start(
            InventoryConfig.forTest(dataDir, kafka.bootstrapServers()), fatalErrors::add);
    channel = Channels.plaintext("localhost:" + app.grpcPort());
  }

  private void stop() {
    channel.shutdownNow();
    app.close();
  }

  private InventoryServiceGrpc.InventoryServiceBlockingStub stub() {
    return InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private StatusRuntimeException reserveFails(ReserveRequest request) {
    StatusRuntimeException e =
        catchThrowableOfType(StatusRuntimeException.class, () -> stub().reserve(request));
    assertThat(e).as("Reserve %s fails", request).isNotNull();
    return e;
  }

  private StockLevel stock(String sku) {
    return stub().getStock(GetStockRequest.newBuilder().setSku(sku).build()).getLevels(0);
  }

  private List<StockLevel> allStock() {
    return stub().getStock(GetStockRequest.getDefaultInstance()).getLevelsList();
  }

  private static ReserveRequest reserve(String orderId, String sku, int quantity) {
    return ReserveRequest.newBuilder()
        .setOrderId(orderId)
        .setSku(sku)
        .setQuantity(quantity)
        .build();
  }

  private static ReleaseRequest release(String orderId) {
    return ReleaseRequest.newBuilder().setOrderId(orderId).build();
  }

  private static List<String> violations(StatusRuntimeException e)
      throws InvalidProtocolBufferException {
    assertThat(e.getStatus().getCode()).as("code").isEqualTo(Status.Code.INVALID_ARGUMENT);
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    assertThat(status).as("rich status").isNotNull();
    for (Any detail : status.getDetailsList()) {
      if (detail.is(BadRequest.class)) {
        return detail.unpack(BadRequest.class).getFieldViolationsList().stream()
            .map(BadRequest.FieldViolation::getField)
            .toList();
      }
    }
    throw new AssertionError("no BadRequest in the details of " + e);
  }

  private static ErrorInfo errorInfo(StatusRuntimeException e)
      throws InvalidProtocolBufferException {
    com.google.rpc.Status status = StatusProto.fromThrowable(e);
    for (Any detail : status.getDetailsList()) {
      if (detail.is(ErrorInfo.class)) {
        return detail.unpack(ErrorInfo.class);
      }
    }
    throw new AssertionError("no ErrorInfo in the details of " + e);
  }
}
