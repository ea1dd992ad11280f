package dev.couplinglab.order;

import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.NotifyRequest;
import dev.couplinglab.contracts.v1.ReleaseRequest;
import dev.couplinglab.contracts.v1.Reservation;
import dev.couplinglab.contracts.v1.ReservationStatus;
import dev.couplinglab.contracts.v1.ReserveRequest;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scripted inventory-service and notification-service on one real gRPC server over TCP, so
 * order-service's sync chain can be driven into each failure it must handle. The real services are
 * exercised together in flow-tests.
 */
final class FakeDownstream implements AutoCloseable {

  volatile Status reserveStatus = Status.OK;
  volatile Duration reserveDelay = Duration.ZERO;
  volatile Status notifyStatus = Status.OK;
  volatile Status releaseStatus = Status.OK;

  /** When set, Reserve waits until it opens (at most 30 s): a call held in flight. */
  volatile CountDownLatch reserveGate;

  private final AtomicInteger transientFailures = new AtomicInteger();
  private volatile Status transientStatus = Status.OK;
  final List<ReserveRequest> reserves = new CopyOnWriteArrayList<>();

  /** Releases answered OK (a Release answered with an error is only counted). */
  final List<ReleaseRequest> releases = new CopyOnWriteArrayList<>();

  final AtomicInteger releaseAttempts = new AtomicInteger();

  /** Notifies answered OK (a Notify answered with an error is only counted). */
  final List<NotifyRequest> notifications = new CopyOnWriteArrayList<>();

  final AtomicInteger notifyAttempts = new AtomicInteger();
  private final Server server;

  FakeDownstream() throws IOException {
    server =
        ServerBuilder.forPort(0)
            .addService(new Inventory())
            .addService(new Notifications())
            .build()
            .start();
  }

  /** The next {@code times} Reserve calls answer {@code status}, then the usual answer again. */
  void failNextReserves(int times, Status status) {
    transientStatus = status;
    transientFailures.set(times);
  }

  String target() {
    return "localhost:" + server.getPort();
  }

  private final class Inventory extends InventoryServiceGrpc.InventoryServiceImplBase {
    @Override
    public void reserve(ReserveRequest request, StreamObserver<Reservation> response) {
      reserves.add(request);
      try {
        Thread.sleep(reserveDelay.toMillis()); // a slow dependency, on purpose
        CountDownLatch gate = reserveGate;
        if (gate != null) {
          gate.await(30, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        response.onError(transientStatus.asRuntimeException());
        return;
      }
      if (!reserveStatus.isOk()) {
        response.onError(reserveStatus.asRuntimeException());
        return;
      }
      response.onNext(
          Reservation.newBuilder()
              .setOrderId(request.getOrderId())
              .setSku(request.getSku())
              .setQuantity(request.getQuantity())
              .setStatus(ReservationStatus.RESERVED)
              .build());
      response.onCompleted();
    }

    @Override
    public void release(ReleaseRequest request, StreamObserver<Reservation> response) {
      releaseAttempts.incrementAndGet();
      if (!releaseStatus.isOk()) {
        response.onError(releaseStatus.asRuntimeException());
        return;
      }
      releases.add(request);
      response.onNext(
          Reservation.newBuilder()
              .setOrderId(request.getOrderId())
              .setStatus(ReservationStatus.RELEASED)
              .build());
      response.onCompleted();
    }
  }

  private final class Notifications extends NotificationServiceGrpc.NotificationServiceImplBase {
    @Override
    public void notify(NotifyRequest request, StreamObserver<Notification> response) {
      notifyAttempts.incrementAndGet();
      if (!notifyStatus.isOk()) {
        response.onError(notifyStatus.asRuntimeException());
        return;
      }
      notifications.add(request);
      response.onNext(
          Notification.newBuilder()
              .setOrderId(request.getOrderId())
              .setOutcome(request.getOutcome())
              .build());
      response.onCompleted();
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
