package dev.couplinglab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.HealthNames;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.kafka.FreePorts;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.runtime.ServiceSettings;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * order-service's health by part, with a real broker that is stopped and started again: the API
 * (and so "") stays SERVING while Kafka is down, because async orders wait in the outbox; the relay
 * and the consumer say NOT_SERVING until the broker is back.
 */
class HealthPartsIT {

  private static final Duration BOUND = Duration.ofSeconds(90);

  @TempDir Path kafkaDir;
  @TempDir Path dataDir;

  private final int kafkaPort = FreePorts.next();
  private final int controllerPort = FreePorts.next();
  private LocalKafka kafka;
  private FakeDownstream downstream;
  private OrderApp app;
  private ManagedChannel channel;

  @AfterEach
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow();
    }
    if (app != null) {
      app.close();
    }
    if (downstream != null) {
      downstream.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void relayAndConsumerFollowTheBrokerWhileTheApiKeepsServing() throws Exception {
    kafka = LocalKafka.start(kafkaDir, kafkaPort, controllerPort);
    downstream = new FakeDownstream();
    app = OrderApp.start(config(), fatal -> {});
    channel = Channels.plaintext("localhost:" + app.grpcPort());

    assertThat(placeAsync("h-1").getState()).as("accepted").isEqualTo(OrderState.PENDING);
    awaitStatus(HealthNames.ORDER_RELAY, ServingStatus.SERVING, "relay after its first send");
    awaitStatus(HealthNames.ORDER_CONSUMER, ServingStatus.SERVING, "consumer once assigned");

    kafka.close();
    kafka = null;
    assertThat(placeAsync("h-2").getState())
        .as("accepted while Kafka is down: it waits in the outbox")
        .isEqualTo(OrderState.PENDING);
    awaitStatus(HealthNames.ORDER_RELAY, ServingStatus.NOT_SERVING, "relay with the broker down");
    awaitStatus(
        HealthNames.ORDER_CONSUMER, ServingStatus.NOT_SERVING, "consumer with the broker down");
    assertThat(status(HealthNames.ORDER_API))
        .as("API, broker down")
        .isEqualTo(ServingStatus.SERVING);
    assertThat(status("")).as("overall, broker down").isEqualTo(ServingStatus.SERVING);

    kafka = LocalKafka.start(kafkaDir, kafkaPort, controllerPort);
    awaitStatus(HealthNames.ORDER_RELAY, ServingStatus.SERVING, "relay with the broker back");
    awaitStatus(HealthNames.ORDER_CONSUMER, ServingStatus.SERVING, "consumer with the broker back");
    assertThat(status("")).as("overall, broker back").isEqualTo(ServingStatus.SERVING);
  }

  private OrderConfig config() {
    return OrderConfig.forTest(
            ServiceSettings.forTest(OrderConfig.SERVICE_NAME, dataDir, "localhost:" + kafkaPort),
            downstream.target(),
            downstream.target())
        .withDeadlines(Duration.ofSeconds(1), Duration.ofSeconds(1));
  }

  private Order placeAsync(String orderId) {
    return OrderServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId(orderId)
                .setSku("SKU-LAMP")
                .setQuantity(1)
                .setStyle(Style.ASYNC)
                .build());
  }

  private ServingStatus status(String service) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.newBuilder().setService(service).build())
        .getStatus();
  }

  private void awaitStatus(String service, ServingStatus expected, String what) {
    await(what)
        .atMost(BOUND)
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertThat(status(service)).as(what).isEqualTo(expected));
  }
}
