package dev.couplinglab.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.clusterkit.InProcessCluster;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.platform.runtime.ServiceApp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each service's /metrics, scraped over HTTP while the three real services run both styles. */
class MetricsIT {

  @TempDir static Path dir;

  private static InProcessCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = InProcessCluster.in(dir).start();
  }

  @AfterAll
  static void stopCluster() {
    cluster.close();
  }

  @Test
  void everyServiceCountsItsPartOfBothStyles() throws Exception {
    Order sync = place(Style.SYNC, "SKU-APPLE", 1);
    Order async = place(Style.ASYNC, "SKU-APPLE", 1);
    StatusRuntimeException unknownSku =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            () -> place(Style.SYNC, "SKU-NONE", 1), StatusRuntimeException.class);
    assertThat(sync.getState()).isEqualTo(OrderState.CONFIRMED);
    assertThat(async.getState()).isEqualTo(OrderState.PENDING);
    assertThat(unknownSku.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

    await("the async order's outcome reaches notification-service's consumer")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(
                        value(
                            scrape(cluster.notification()),
                            "couplinglab_consumer_records_total{topic=\"notifications\"}"))
                    .as("the async outcome; the sync one came by Notify")
                    .isEqualTo(1));
    assertThat(
            value(
                scrape(cluster.notification()),
                "rpc_server_duration_seconds_count{grpc_code=\"OK\",grpc_method=\"Notify\","
                    + "grpc_service=\"couplinglab.v1.NotificationService\"}"))
        .isEqualTo(1);
    String orders = scrape(cluster.order());
    assertThat(value(orders, "couplinglab_order_answer_seconds_count{code=\"OK\",style=\"sync\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                orders,
                "couplinglab_order_answer_seconds_count{code=\"NOT_FOUND\",style=\"sync\"}"))
        .isEqualTo(1);
    assertThat(value(orders, "couplinglab_order_answer_seconds_count{code=\"OK\",style=\"async\"}"))
        .isEqualTo(1);
    assertThat(value(orders, "couplinglab_orders_final_total{state=\"CONFIRMED\",style=\"async\"}"))
        .isEqualTo(1);
    assertThat(value(orders, "couplinglab_order_completion_seconds_count{style=\"sync\"}"))
        .isEqualTo(1);
    assertThat(value(orders, "couplinglab_consumer_records_total{topic=\"inventory\"}"))
        .isEqualTo(1);
    assertThat(
            value(
                orders,
                "rpc_client_duration_seconds_count{grpc_code=\"OK\",grpc_method=\"Reserve\","
                    + "grpc_service=\"couplinglab.v1.InventoryService\"}"))
        .isEqualTo(1);
    assertThat(orders).contains("couplinglab_outbox_backlog ", "couplinglab_sync_retries_total ");
    assertThat(orders).contains("jvm_memory_used_bytes");
    String stock = scrape(cluster.inventory());
    assertThat(value(stock, "couplinglab_consumer_records_total{topic=\"orders\"}")).isEqualTo(1);
    assertThat(
            value(
                stock,
                "rpc_server_duration_seconds_count{grpc_code=\"OK\",grpc_method=\"Reserve\","
                    + "grpc_service=\"couplinglab.v1.InventoryService\"}"))
        .isEqualTo(1);
  }

  private static Order place(Style style, String sku, int quantity) {
    return OrderServiceGrpc.newBlockingStub(cluster.orderChannel())
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .placeOrder(
            PlaceOrderRequest.newBuilder()
                .setOrderId("metrics-" + UUID.randomUUID())
                .setSku(sku)
                .setQuantity(quantity)
                .setStyle(style)
                .build());
  }

  private static String scrape(ServiceApp service) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of the sample written exactly {@code series} (name and labels), or -1. */
  private static double value(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : -1;
  }
}
