package dev.couplinglab.platform.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.platform.grpc.Channels;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * W3C trace context over real gRPC on TCP, through the SDK's gRPC instrumentation: a call is one
 * trace across client and server, and a malformed {@code traceparent} starts a new one.
 */
class GrpcTracingIT {

  @TempDir Path dir;
  private final List<String> traceIdsSeen = new CopyOnWriteArrayList<>();
  private String previousSampler;
  private Telemetry client;
  private Telemetry server;
  private Server grpcServer;
  private ManagedChannel channel;

  /**
   * The server's calls run here: a server span ends in the call's last callback, which may run
   * after the server has terminated its transports, so the test waits for this pool before it
   * flushes the span files.
   */
  private final ExecutorService serverExecutor = Executors.newFixedThreadPool(2);

  @BeforeEach
  void start() throws Exception {
    // Every root traced, so the span of a call that starts a new trace is written too.
    previousSampler = System.setProperty("otel.traces.sampler", "always_on");
    client = Telemetry.start("client", dir);
    server = Telemetry.start("server", dir);
    HealthGrpc.HealthImplBase service =
        new HealthGrpc.HealthImplBase() {
          @Override
          public void check(HealthCheckRequest request, StreamObserver<HealthCheckResponse> out) {
            traceIdsSeen.add(TraceContext.currentTraceId());
            out.onNext(HealthCheckResponse.getDefaultInstance());
            out.onCompleted();
          }
        };
    grpcServer =
        NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
            .executor(serverExecutor)
            .addService(ServerInterceptors.intercept(service, server.serverInterceptor()))
            .build()
            .start();
    channel = Channels.plaintext("127.0.0.1:" + grpcServer.getPort(), client);
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow();
    grpcServer.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    serverExecutor.shutdownNow();
    client.close();
    server.close();
    if (previousSampler == null) {
      System.clearProperty("otel.traces.sampler");
    } else {
      System.setProperty("otel.traces.sampler", previousSampler);
    }
  }

  @Test
  void aCallIsOneTraceFromClientToServer() throws Exception {
    Span root = client.tracer().spanBuilder("test root").startSpan();
    try (Scope scope = root.makeCurrent()) {
      HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance());
    } finally {
      root.end();
    }
    closeBoth();

    List<SpanFile.Span> clientSpans = SpanFile.read(SpanFile.of(dir, "client"));
    List<SpanFile.Span> serverSpans = SpanFile.read(SpanFile.of(dir, "server"));
    SpanFile.Span call = only(clientSpans, "grpc.health.v1.Health/Check");
    SpanFile.Span served = only(serverSpans, "grpc.health.v1.Health/Check");
    String traceId = root.getSpanContext().getTraceId();
    assertThat(call.parentSpanId())
        .as("client span's parent")
        .isEqualTo(root.getSpanContext().getSpanId());
    assertThat(served.traceId()).as("server span's trace").isEqualTo(traceId);
    assertThat(served.parentSpanId()).as("server span's parent").isEqualTo(call.spanId());
    assertThat(served.service()).as("server span's service.name").isEqualTo("server");
    assertThat(served.attributes())
        .as("server span's attributes")
        .containsEntry("rpc.grpc.status_code", "0");
    assertThat(traceIdsSeen).as("trace id current in the handler").containsExactly(traceId);
  }

  @Test
  void aMalformedTraceparentStartsANewTrace() throws Exception {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER), "evil orderId=victim");
    // A client that sends only what it is told: no traceparent of its own.
    ManagedChannel raw = Channels.plaintext("127.0.0.1:" + grpcServer.getPort());
    try {
      HealthGrpc.newBlockingStub(raw)
          .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
          .check(HealthCheckRequest.getDefaultInstance());
    } finally {
      raw.shutdownNow();
    }
    closeBoth();

    SpanFile.Span served =
        only(SpanFile.read(SpanFile.of(dir, "server")), "grpc.health.v1.Health/Check");
    assertThat(served.isRoot()).as("server span of a malformed traceparent is a root").isTrue();
    assertThat(served.traceId()).as("its new trace id").matches("[0-9a-f]{32}");
    assertThat(traceIdsSeen)
        .as("trace id current in the handler")
        .containsExactly(served.traceId());
  }

  /** Ends every call (a server span ends when its call closes), then flushes the span files. */
  private void closeBoth() throws InterruptedException {
    channel.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    grpcServer.shutdown().awaitTermination(5, TimeUnit.SECONDS);
    serverExecutor.shutdown();
    serverExecutor.awaitTermination(5, TimeUnit.SECONDS);
    client.close();
    server.close();
  }

  private static SpanFile.Span only(List<SpanFile.Span> spans, String name) {
    List<SpanFile.Span> named = spans.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(named).as("spans named %s in %s", name, spans).hasSize(1);
    return named.get(0);
  }
}
