package dev.couplinglab.inventory.api;

import com.google.protobuf.Any;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import dev.couplinglab.contracts.Service;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.contracts.v1.ReleaseRequest;
import dev.couplinglab.contracts.v1.Reservation;
import dev.couplinglab.contracts.v1.ReserveRequest;
import dev.couplinglab.contracts.v1.Stock;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.inventory.domain.Decision;
import dev.couplinglab.inventory.domain.ReleaseDecision;
import dev.couplinglab.inventory.domain.ReservationRequest;
import dev.couplinglab.inventory.domain.StockReservation;
import dev.couplinglab.inventory.domain.Validation;
import dev.couplinglab.inventory.store.InventoryStore;
import dev.couplinglab.platform.grpc.BadRequests;
import dev.couplinglab.platform.grpc.StoreErrors;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC InventoryService. Reserve and Release are idempotent by order id (see {@link
 * dev.couplinglab.inventory.domain.ReservationRule}); each runs in one transaction. A refusal is
 * FAILED_PRECONDITION whose description is the refusal detail, verbatim, and whose details carry a
 * {@code google.rpc.ErrorInfo} with the {@link RejectReason} name, so a caller can tell the reasons
 * apart without parsing text.
 */
public final class InventoryEndpoint extends InventoryServiceGrpc.InventoryServiceImplBase {

  /** The ErrorInfo domain of refusals. */
  public static final String ERROR_DOMAIN = "inventory.couplinglab.dev";

  private static final Logger log = LoggerFactory.getLogger(InventoryEndpoint.class);

  private final Database database;
  private final InventoryStore store;

  public InventoryEndpoint(Database database, InventoryStore store) {
    this.database = database;
    this.store = store;
  }

  @Override
  public void reserve(ReserveRequest request, StreamObserver<Reservation> response) {
    // Only the sync style calls Reserve over gRPC.
    String orderId = loggable(request.getOrderId());
    Span.current().setAttribute(Spans.ORDER_ID, orderId);
    Span.current().setAttribute(Spans.SKU, request.getSku());
    try (var ctx = LogContext.open(orderId, Style.SYNC)) {
      reserveInContext(request, response);
    }
  }

  @Override
  public void release(ReleaseRequest request, StreamObserver<Reservation> response) {
    String orderId = loggable(request.getOrderId());
    Span.current().setAttribute(Spans.ORDER_ID, orderId);
    try (var ctx = LogContext.open(orderId, Style.SYNC)) {
      releaseInContext(request, response);
    }
  }

  /**
   * The order id as it may go into log lines and spans: a malformed one (which the call refuses)
   * stays out, so no caller can write another order's id into a line ({@code lab logs --order}).
   */
  private static String loggable(String orderId) {
    return Validation.orderId(orderId).isEmpty() ? orderId : "";
  }

  private void reserveInContext(ReserveRequest request, StreamObserver<Reservation> response) {
    try {
      ReservationRequest reservation =
          new ReservationRequest(request.getOrderId(), request.getSku(), request.getQuantity());
      List<Violation> problems = Validation.reserve(reservation);
      if (!problems.isEmpty()) {
        log.info("Reserve rejected: {}", problems);
        response.onError(BadRequests.invalidArgument(problems));
        return;
      }
      Decision decision = database.inTransaction(c -> store.reserve(c, reservation));
      log.info(decision.summary());
      answer(decision, response);
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.INVENTORY, e));
    }
  }

  private void releaseInContext(ReleaseRequest request, StreamObserver<Reservation> response) {
    try {
      List<Violation> problems = Validation.orderId(request.getOrderId());
      if (!problems.isEmpty()) {
        log.info("Release rejected: {}", problems);
        response.onError(BadRequests.invalidArgument(problems));
        return;
      }
      ReleaseDecision decision =
          database.inTransaction(c -> store.release(c, request.getOrderId()));
      log.info(decision.summary());
      response.onNext(toProto(decision.reservation()));
      response.onCompleted();
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.INVENTORY, e));
    }
  }

  @Override
  public void getStock(GetStockRequest request, StreamObserver<Stock> response) {
    String sku = request.getSku();
    try {
      List<dev.couplinglab.inventory.domain.StockLevel> levels =
          database.inTransaction(
              c -> {
                if (sku.isEmpty()) {
                  return store.allStock(c);
                }
                Optional<dev.couplinglab.inventory.domain.StockLevel> level = store.stock(c, sku);
                return level.map(List::of).orElse(List.of());
              });
      if (levels.isEmpty() && !sku.isEmpty()) {
        response.onError(Status.NOT_FOUND.withDescription("unknown SKU " + sku).asException());
        return;
      }
      Stock.Builder stock = Stock.newBuilder();
      for (var level : levels) {
        stock.addLevels(
            StockLevel.newBuilder()
                .setSku(level.sku())
                .setName(level.name())
                .setAvailable(level.available())
                .setReserved(level.reserved()));
      }
      response.onNext(stock.build());
      response.onCompleted();
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.INVENTORY, e));
    }
  }

  private static void answer(Decision decision, StreamObserver<Reservation> response) {
    switch (decision.kind()) {
      case UNKNOWN_SKU ->
          response.onError(Status.NOT_FOUND.withDescription(decision.detail()).asException());
      case CONFLICT ->
          response.onError(Status.ALREADY_EXISTS.withDescription(decision.detail()).asException());
      default -> {
        if (decision.holdsStock()) {
          response.onNext(toProto(decision.reservation()));
          response.onCompleted();
        } else {
          response.onError(refused(decision.rejectReason(), decision.detail()));
        }
      }
    }
  }

  static StatusRuntimeException refused(RejectReason reason, String detail) {
    return StatusProto.toStatusRuntimeException(
        com.google.rpc.Status.newBuilder()
            .setCode(Code.FAILED_PRECONDITION_VALUE)
            .setMessage(detail)
            .addDetails(
                Any.pack(
                    ErrorInfo.newBuilder()
                        .setReason(reason.name())
                        .setDomain(ERROR_DOMAIN)
                        .build()))
            .build());
  }

  static Reservation toProto(StockReservation r) {
    return Reservation.newBuilder()
        .setOrderId(r.orderId())
        .setSku(r.sku())
        .setQuantity(r.quantity())
        .setStatus(r.status())
        .setRejectReason(r.rejectReason())
        .setDetail(r.detail())
        .build();
  }
}
