package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.ListNotificationsResponse;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab get} asks notification-service too, against real gRPC servers over TCP with fixed
 * answers, found as a local cluster's ports.
 */
class GetCommandTest {

  @TempDir Path runDir;

  private FakeOrderService orders;
  private Server notifications;
  private volatile List<Notification> recorded = List.of();

  @BeforeEach
  void startServers() throws Exception {
    orders = new FakeOrderService();
    notifications =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(
                new NotificationServiceGrpc.NotificationServiceImplBase() {
                  @Override
                  public void list(
                      ListNotificationsRequest request,
                      StreamObserver<ListNotificationsResponse> response) {
                    response.onNext(
                        ListNotificationsResponse.newBuilder()
                            .addAllNotifications(
                                recorded.stream()
                                    .filter(n -> n.getOrderId().equals(request.getOrderId()))
                                    .toList())
                            .build());
                    response.onCompleted();
                  }
                })
            .build()
            .start();
  }

  @AfterEach
  void stopServers() throws Exception {
    orders.close();
    notifications.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private LabRunner.Result get(int notificationPort) {
    int orderPort = Integer.parseInt(orders.address().substring("localhost:".length()));
    return LabRunner.run(
        Map.of(
            "LAB_RUN_DIR", runDir.toString(),
            "LAB_ORDER_PORT", Integer.toString(orderPort),
            "LAB_NOTIFICATION_PORT", Integer.toString(notificationPort)),
        "get",
        "o-1",
        "--target",
        "local",
        "--timeout",
        "2s");
  }

  @Test
  void showsWhenTheNotificationWasRecorded() {
    recorded =
        List.of(
            Notification.newBuilder()
                .setOrderId("o-1")
                .setOutcome(OrderState.CONFIRMED)
                .setRecordedAtMicros(1_795_000_000_000_000L)
                .build());

    LabRunner.Result result = get(notifications.getPort());

    assertThat(result.exitCode()).as("exit code; " + result.err()).isZero();
    assertThat(result.out())
        .as("the order, then its notification")
        .contains("state     CONFIRMED")
        .contains("notified  recorded at 2026-11-18T11:06:40Z (CONFIRMED)");
  }

  @Test
  void saysWhenNoNotificationWasRecorded() {
    LabRunner.Result result = get(notifications.getPort());

    assertThat(result.exitCode()).as("exit code; " + result.err()).isZero();
    assertThat(result.out()).as("no notification").contains("notified  not recorded");
  }

  @Test
  void stillShowsTheOrderWhenNotificationServiceIsDown() {
    LabRunner.Result result = get(LabRunner.freePort());

    assertThat(result.exitCode()).as("the order was shown; " + result.err()).isZero();
    assertThat(result.out())
        .as("the order, and why its notification is unknown")
        .contains("order     o-1")
        .contains("notified  unknown: UNAVAILABLE");
  }
}
