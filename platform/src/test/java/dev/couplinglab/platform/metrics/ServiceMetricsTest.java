package dev.couplinglab.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real gRPC call over TCP and a real scrape of /metrics over HTTP. */
class ServiceMetricsTest {

  private ServiceMetrics metrics;
  private Server server;
  private ManagedChannel channel;
  private HealthGrpc.HealthBlockingStub health;

  @BeforeEach
  void start() throws Exception {
    metrics = ServiceMetrics.start("test-service", "127.0.0.1", 0);
    GrpcMetrics grpc = metrics.grpc();
    server =
        ServerBuilder.forPort(0)
            .addService(
                ServerInterceptors.intercept(
                    new HealthStatusManager().getHealthService(), grpc.serverInterceptor()))
            .build()
            .start();
    channel =
        ManagedChannelBuilder.forTarget("127.0.0.1:" + server.getPort()).usePlaintext().build();
    health =
        HealthGrpc.newBlockingStub(ClientInterceptors.intercept(channel, grpc.clientInterceptor()));
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    metrics.close();
  }

  @Test
  void aCallShowsOnBothSidesByMethodAndCode() throws Exception {
    health.check(HealthCheckRequest.getDefaultInstance());

    String text = scrape();
    assertThat(text)
        .contains(
            "rpc_server_duration_seconds_count{grpc_code=\"OK\",grpc_method=\"Check\","
                + "grpc_service=\"grpc.health.v1.Health\"} 1")
        .contains(
            "rpc_client_duration_seconds_count{grpc_code=\"OK\",grpc_method=\"Check\","
                + "grpc_service=\"grpc.health.v1.Health\"} 1")
        .contains(
            "rpc_server_in_flight{grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\"} 0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void aCallTheClientCancelsIsNoLongerInFlight() throws Exception {
    Context.CancellableContext context = Context.current().withCancellation();
    context.run(
        () -> {
          var updates = health.watch(HealthCheckRequest.getDefaultInstance());
          updates.next(); // the stream is open on the server
          String during = scrapeUnchecked();
          assertThat(during)
              .contains(
                  "rpc_server_in_flight{grpc_method=\"Watch\",grpc_service=\"grpc.health.v1.Health\"} 1");
        });
    context.cancel(null);

    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(scrape())
                    .contains(
                        "rpc_server_in_flight{grpc_method=\"Watch\",grpc_service=\"grpc.health.v1.Health\"} 0")
                    .contains(
                        "rpc_server_duration_seconds_count{grpc_code=\"CANCELLED\",grpc_method=\"Watch\","));
  }

  @Test
  void aCallbackMetricIsReadAtEachScrape() throws Exception {
    AtomicLong refused = new AtomicLong();
    metrics.counter("sync_refused", "sync orders refused", refused::get);
    metrics.gauge("outbox_backlog", "rows not yet published", () -> 7);

    refused.set(3);
    assertThat(scrape())
        .contains("couplinglab_sync_refused_total 3")
        .contains("couplinglab_outbox_backlog 7");
    refused.set(5);
    assertThat(scrape()).contains("couplinglab_sync_refused_total 5");
  }

  private String scrape() throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + metrics.port() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private String scrapeUnchecked() {
    try {
      return scrape();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
