package dev.couplinglab.notification.api;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.ListNotificationsResponse;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.NotifyRequest;
import dev.couplinglab.contracts.v1.RejectReason;
import dev.couplinglab.notification.domain.ListQuery;
import dev.couplinglab.notification.domain.Notice;
import dev.couplinglab.notification.store.NotificationStore;
import dev.couplinglab.notification.store.NotificationStore.Recorded;
import dev.couplinglab.platform.grpc.BadRequests;
import dev.couplinglab.platform.grpc.StoreErrors;
import dev.couplinglab.platform.logging.LogContext;
import dev.couplinglab.platform.telemetry.Spans;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gRPC {@code NotificationService}: Notify records one notification per order (a repeated
 * Notify returns the first one, unchanged); List reads them back.
 */
public final class NotificationEndpoint
    extends NotificationServiceGrpc.NotificationServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(NotificationEndpoint.class);

  private final NotificationStore store;

  public NotificationEndpoint(NotificationStore store) {
    this.store = store;
  }

  @Override
  public void notify(NotifyRequest request, StreamObserver<Notification> responses) {
    Notice notice = toNotice(request);
    // A malformed order id stays out of the log context: it may be anything, of any size.
    String orderId = Notice.isId(request.getOrderId()) ? request.getOrderId() : "";
    Span.current().setAttribute(Spans.ORDER_ID, orderId);
    try (var ctx = LogContext.open(orderId, request.getStyle())) {
      List<Violation> violations = notice.violations();
      if (!violations.isEmpty()) {
        log.info("Refused Notify: {}", violations);
        responses.onError(BadRequests.invalidArgument(violations));
        return;
      }
      Recorded recorded = store.record(notice);
      if (recorded.isNew()) {
        log.info("Notified: {}", recorded.notification().getMessage());
      } else {
        log.info(
            "Duplicate Notify for order {}: returning the first notification ({})",
            notice.orderId(),
            recorded.notification().getMessage());
      }
      responses.onNext(recorded.notification());
      responses.onCompleted();
    } catch (SQLException e) {
      responses.onError(StoreErrors.unavailable(Service.NOTIFICATION, e));
    }
  }

  @Override
  public void list(
      ListNotificationsRequest request, StreamObserver<ListNotificationsResponse> responses) {
    ListQuery query = new ListQuery(request.getOrderId(), request.getLimit());
    List<Violation> violations = query.violations();
    if (!violations.isEmpty()) {
      responses.onError(BadRequests.invalidArgument(violations));
      return;
    }
    try {
      List<Notification> notifications;
      if (query.isForOneOrder()) {
        Optional<Notification> found = store.find(query.orderId());
        if (found.isEmpty()) {
          responses.onError(
              Status.NOT_FOUND
                  .withDescription("no notification for order " + query.orderId())
                  .asRuntimeException());
          return;
        }
        notifications = List.of(found.get());
      } else {
        notifications = store.recent(query.effectiveLimit());
      }
      responses.onNext(
          ListNotificationsResponse.newBuilder().addAllNotifications(notifications).build());
      responses.onCompleted();
    } catch (SQLException e) {
      responses.onError(StoreErrors.unavailable(Service.NOTIFICATION, e));
    }
  }

  static Notice toNotice(NotifyRequest request) {
    return new Notice(
        request.getOrderId(),
        request.getOutcome(),
        request.getStyle(),
        request.getSku(),
        request.getQuantity(),
        RejectReason.REJECT_REASON_UNSPECIFIED,
        request.getDetail());
  }
}
