package dev.couplinglab.platform.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.google.rpc.BadRequest;
import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.ErrorFault;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc.InventoryServiceBlockingStub;
import dev.couplinglab.contracts.v1.LatencyFault;
import dev.couplinglab.contracts.v1.ListFaultsRequest;
import dev.couplinglab.contracts.v1.PoisonFault;
import dev.couplinglab.contracts.v1.Reservation;
import dev.couplinglab.contracts.v1.ReserveRequest;
import dev.couplinglab.contracts.v1.Stock;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.grpc.GrpcServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The admin API and the fault interceptor on a real {@link GrpcServer} over TCP, in front of a
 * trivial business service: authentication, latency and error faults, listing, expiry, clearing.
 */
class AdminApiIT {

  private static final String TOKEN = "it-token-" + UUID.randomUUID();
  private static final String RESERVE = "couplinglab.v1.InventoryService/Reserve";

  private static final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private static final Logger root =
      (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private static GrpcServer server;
  private static ManagedChannel channel;

  /** Answers at once: whatever time a call takes beyond that comes from a fault. */
  private static final class QuickInventory extends InventoryServiceGrpc.InventoryServiceImplBase {
    @Override
    public void getStock(GetStockRequest request, StreamObserver<Stock> response) {
      response.onNext(Stock.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void reserve(ReserveRequest request, StreamObserver<Reservation> response) {
      response.onNext(Reservation.newBuilder().setOrderId(request.getOrderId()).build());
      response.onCompleted();
    }
  }

  @BeforeAll
  static void start() throws Exception {
    logs.start();
    root.addAppender(logs);
    server = startServer(AdminSettings.withToken(TOKEN));
    channel = Channels.plaintext("localhost:" + server.port());
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    server.shutdown(Duration.ZERO);
    root.detachAppender(logs);
  }

  @AfterEach
  void clearFaults() {
    admin(TOKEN).clearFaults(ClearFaultsRequest.getDefaultInstance());
  }

  private static GrpcServer startServer(AdminSettings settings) throws Exception {
    FaultRegistry faults = new FaultRegistry();
    GrpcServer started =
        new GrpcServer(
                ServerBuilder.forPort(0),
                4,
                List.of(new QuickInventory()),
                AdminApi.create(settings, faults, null))
            .start();
    started.markServing(InventoryServiceGrpc.SERVICE_NAME);
    return started;
  }

  private static AdminServiceBlockingStub admin(String token) {
    return admin(channel, token);
  }

  private static AdminServiceBlockingStub admin(ManagedChannel on, String token) {
    AdminServiceBlockingStub stub =
        AdminServiceGrpc.newBlockingStub(on).withDeadlineAfter(10, TimeUnit.SECONDS);
    if (token == null) {
      return stub;
    }
    Metadata headers = new Metadata();
    headers.put(AdminAuth.AUTHORIZATION, "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static InventoryServiceBlockingStub inventory() {
    return InventoryServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static Status failure(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run).getStatus();
  }

  private static FaultSpec error(String method, String code, double rate) {
    return FaultSpec.newBuilder()
        .setError(ErrorFault.newBuilder().setMethod(method).setCode(code).setRate(rate))
        .build();
  }

  private static Fault listed(String id) {
    return admin(TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList().stream()
        .filter(f -> f.getId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("fault " + id + " is not listed"));
  }

  @Test
  void refusesCallsWithoutTheRightToken() {
    var list = ListFaultsRequest.getDefaultInstance();

    Status none = failure(() -> admin(null).listFaults(list));
    Status wrong = failure(() -> admin("not-" + TOKEN).listFaults(list));
    Status prefix = failure(() -> admin(TOKEN.substring(0, 10)).listFaults(list));

    assertThat(none.getCode()).as("no header").isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(wrong.getCode()).as("wrong token").isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(prefix.getCode())
        .as("a prefix of the token")
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(admin(TOKEN).listFaults(list).getFaultsList()).as("right token").isEmpty();
    Status refusedInject = failure(() -> admin(null).injectFault(error("*", "UNAVAILABLE", 1)));
    assertThat(refusedInject.getCode())
        .as("a refused inject")
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(inventory().getStock(GetStockRequest.getDefaultInstance()))
        .as("the refused inject left no fault")
        .isNotNull();
  }

  @Test
  void aDisabledApiIsUnimplementedAndAnUnsetTokenIsFailedPrecondition() throws Exception {
    GrpcServer disabled = startServer(AdminSettings.disabled());
    GrpcServer noToken = startServer(new AdminSettings(true, null));
    ManagedChannel toDisabled = Channels.plaintext("localhost:" + disabled.port());
    ManagedChannel toNoToken = Channels.plaintext("localhost:" + noToken.port());
    try {
      Status off =
          failure(
              () -> admin(toDisabled, TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()));
      Status unset =
          failure(() -> admin(toNoToken, TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()));

      assertThat(off.getCode()).as("disabled").isEqualTo(Status.Code.UNIMPLEMENTED);
      assertThat(off.getDescription())
          .as("disabled description")
          .isEqualTo("admin API disabled by ADMIN_ENABLED=false");
      assertThat(unset.getCode()).as("no token").isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(unset.getDescription())
          .as("no token description")
          .contains("ADMIN_TOKEN is not set");
    } finally {
      toDisabled.shutdownNow();
      toNoToken.shutdownNow();
      disabled.shutdown(Duration.ZERO);
      noToken.shutdown(Duration.ZERO);
    }
  }

  @Test
  void theTokenNeverAppearsInTheLogs() {
    failure(() -> admin("x" + TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()));
    Fault fault = admin(TOKEN).injectFault(error("Reserve", "UNAVAILABLE", 1));
    admin(TOKEN).clearFaults(ClearFaultsRequest.newBuilder().setId(fault.getId()).build());

    List<String> lines =
        logs.list.stream()
            .map(
                e ->
                    e.getFormattedMessage()
                        + " "
                        + e.getMDCPropertyMap()
                        + (e.getThrowableProxy() == null
                            ? ""
                            : ThrowableProxyUtil.asString(e.getThrowableProxy())))
            .toList();
    assertThat(lines)
        .as("the admin API logged something (the test looks at real lines)")
        .anyMatch(l -> l.contains("Fault " + fault.getId() + " injected"))
        .anyMatch(l -> l.contains("Fault " + fault.getId() + " cleared"))
        .anyMatch(l -> l.contains("wrong token"));
    assertThat(lines).as("lines with the token").noneMatch(l -> l.contains(TOKEN));
  }

  @Test
  void aLatencyFaultDelaysTheCallByAtLeastItsFixedPartAndCountsIt() {
    Fault fault =
        admin(TOKEN)
            .injectFault(
                FaultSpec.newBuilder()
                    .setLatency(
                        LatencyFault.newBuilder()
                            .setMethod("GetStock")
                            .setFixedMs(300)
                            .setProbability(1))
                    .build());
    assertThat(fault.getDescription()).as("description").isEqualTo("latency 300 ms on GetStock");

    long start = System.nanoTime();
    inventory().getStock(GetStockRequest.getDefaultInstance());
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    inventory().reserve(ReserveRequest.newBuilder().setOrderId("o-1").build());

    assertThat(tookMs).as("GetStock took (ms), a lower bound").isGreaterThanOrEqualTo(300);
    assertThat(listed(fault.getId()).getFired())
        .as("fired: the GetStock call, not the Reserve call")
        .isEqualTo(1);
  }

  @Test
  void anErrorFaultAnswersItsCodeAndRateZeroNeverFires() {
    Fault always = admin(TOKEN).injectFault(error(RESERVE, "RESOURCE_EXHAUSTED", 1.0));
    Fault never = admin(TOKEN).injectFault(error("GetStock", "INTERNAL", 0.0));

    Status status =
        failure(() -> inventory().reserve(ReserveRequest.newBuilder().setOrderId("o-2").build()));
    for (int i = 0; i < 20; i++) {
      inventory().getStock(GetStockRequest.getDefaultInstance());
    }

    assertThat(status.getCode()).as("code").isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(status.getDescription())
        .as("description")
        .isEqualTo("injected fault " + always.getId());
    assertThat(listed(always.getId()).getFired()).as("fired at rate 1").isEqualTo(1);
    assertThat(listed(never.getId()).getFired()).as("fired at rate 0").isZero();
  }

  @Test
  void faultsOnEveryMethodLeaveHealthAndAdminAlone() {
    admin(TOKEN).injectFault(error("*", "UNAVAILABLE", 1.0));
    admin(TOKEN)
        .injectFault(
            FaultSpec.newBuilder()
                .setLatency(
                    LatencyFault.newBuilder().setMethod("*").setFixedMs(50).setProbability(1))
                .build());

    Status business = failure(() -> inventory().getStock(GetStockRequest.getDefaultInstance()));
    ServingStatus health =
        HealthGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .check(HealthCheckRequest.getDefaultInstance())
            .getStatus();

    assertThat(business.getCode()).as("business call").isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(health).as("health").isEqualTo(ServingStatus.SERVING);
    assertThat(admin(TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsCount())
        .as("admin still answers")
        .isEqualTo(2);
  }

  @Test
  void listShowsActiveFaultsDropsExpiredOnesAndClearRemovesThem() {
    // Long enough to be listed by the calls below on a busy machine, short enough to await.
    Fault brief =
        admin(TOKEN)
            .injectFault(
                error("Reserve", "UNAVAILABLE", 1).toBuilder().setDurationMs(3000).build());
    Fault a = admin(TOKEN).injectFault(error("Reserve", "UNAVAILABLE", 1));
    Fault b = admin(TOKEN).injectFault(error("GetStock", "UNAVAILABLE", 1));
    assertThat(brief.getExpiresAtMicros()).as("expiry set").isPositive();
    assertThat(admin(TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList())
        .as("listed while active")
        .extracting(Fault::getId)
        .contains(brief.getId(), a.getId(), b.getId());

    await("the 3 s fault expires")
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                admin(TOKEN)
                    .listFaults(ListFaultsRequest.getDefaultInstance())
                    .getFaultsList()
                    .stream()
                    .noneMatch(f -> f.getId().equals(brief.getId())));

    int byId =
        admin(TOKEN)
            .clearFaults(ClearFaultsRequest.newBuilder().setId(a.getId()).build())
            .getRemoved();
    assertThat(byId).as("removed by id").isEqualTo(1);
    assertThat(admin(TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList())
        .extracting(Fault::getId)
        .containsExactly(b.getId());
    assertThat(admin(TOKEN).clearFaults(ClearFaultsRequest.getDefaultInstance()).getRemoved())
        .as("removed by clearing all")
        .isEqualTo(1);
    assertThat(inventory().getStock(GetStockRequest.getDefaultInstance()))
        .as("a call after clearing")
        .isNotNull();
  }

  @Test
  void rejectsAnInvalidSpecWithFieldViolations() throws Exception {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> admin(TOKEN).injectFault(error("", "NOT_A_CODE", 2)));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(
            StatusProto.fromThrowable(error)
                .getDetails(0)
                .unpack(BadRequest.class)
                .getFieldViolationsList())
        .as("field violations")
        .extracting(BadRequest.FieldViolation::getField)
        .containsExactly("error.method", "error.code", "error.rate");
    assertThat(admin(TOKEN).listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList())
        .as("nothing injected")
        .isEmpty();
  }

  @Test
  void poisonNeedsAProducer() {
    Status status =
        failure(
            () ->
                admin(TOKEN)
                    .injectFault(
                        FaultSpec.newBuilder()
                            .setPoison(PoisonFault.newBuilder().setTopic("orders").setCount(1))
                            .build()));
    assertThat(status.getCode()).as("code").isEqualTo(Status.Code.FAILED_PRECONDITION);
  }
}
