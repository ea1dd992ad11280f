package dev.couplinglab.platform.telemetry;

import io.grpc.ClientInterceptor;
import io.grpc.ServerInterceptor;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.instrumentation.grpc.v1_6.GrpcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's OpenTelemetry SDK: its tracer, the gRPC interceptors that make a span of every call
 * and carry W3C {@code traceparent} on it, and where the finished spans go.
 *
 * <p>Configured by the standard {@code OTEL_*} environment variables (or {@code otel.*} system
 * properties), read by the SDK's autoconfigure module. The defaults this class sets, each one
 * overridden by its variable:
 *
 * <ul>
 *   <li>{@code OTEL_SERVICE_NAME}: the service's own name (each service's spans carry it as the
 *       {@code service.name} resource).
 *   <li>{@code OTEL_TRACES_SAMPLER=parentbased_traceidratio}, {@code OTEL_TRACES_SAMPLER_ARG=0.01}:
 *       a call that carries a sampled {@code traceparent} is always traced (the lab's clients send
 *       one), as is everything downstream of it; a call without one starts a trace for 1 in 100
 *       trace ids, so unsampled load costs a context and no exported span.
 *   <li>{@code OTEL_TRACES_EXPORTER=none} unless {@code OTEL_EXPORTER_OTLP_ENDPOINT} (or its traces
 *       variant) is set, then {@code otlp}: spans go to a collector only when one is named. Metrics
 *       and logs exporters: none.
 *   <li>{@code OTEL_BSP_SCHEDULE_DELAY=1000}: finished spans are written within about a second.
 * </ul>
 *
 * <p>Whatever the exporter, every finished span is also written to the service's span file ({@link
 * SpanFileExporter}: {@code <service>.spans.jsonl} in its data folder, OTLP JSON, one export batch
 * a line), so a trace can be read with nothing installed.
 *
 * <p>Delivery of spans: best effort. Spans are batched in memory and written every second; a crash
 * loses the last second's; {@link #close()} flushes what is queued, within 5 s.
 */
public final class Telemetry implements AutoCloseable {

  private static final long CLOSE_BOUND_SECONDS = 5;

  private final OpenTelemetry openTelemetry;
  private final OpenTelemetrySdk sdk; // null for noop()
  private final Tracer tracer;
  private final GrpcTelemetry grpc;

  private Telemetry(OpenTelemetry openTelemetry, OpenTelemetrySdk sdk) {
    this.openTelemetry = openTelemetry;
    this.sdk = sdk;
    this.tracer = openTelemetry.getTracer("dev.couplinglab");
    this.grpc = GrpcTelemetry.create(openTelemetry);
  }

  /**
   * Builds the SDK of {@code serviceName}, writing its span file in {@code dataDir}. Not registered
   * as the global OpenTelemetry: several services may share one JVM (the in-process tests).
   */
  public static Telemetry start(String serviceName, Path dataDir) {
    Path file = SpanFileExporter.fileFor(dataDir, serviceName);
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .disableShutdownHook() // the service closes it, after its last span
            .addPropertiesSupplier(() -> defaults(serviceName))
            .addPropertiesCustomizer(Telemetry::tracesExporter)
            .addTracerProviderCustomizer(
                (builder, config) ->
                    builder.addSpanProcessor(
                        BatchSpanProcessor.builder(new SpanFileExporter(file)).build()))
            .build()
            .getOpenTelemetrySdk();
    return new Telemetry(sdk, sdk);
  }

  /** No spans, no propagation: for tests and tools that wire a part without a service. */
  public static Telemetry noop() {
    return new Telemetry(OpenTelemetry.noop(), null);
  }

  private static Map<String, String> defaults(String serviceName) {
    Map<String, String> defaults = new HashMap<>();
    defaults.put("otel.service.name", serviceName);
    defaults.put("otel.traces.sampler", "parentbased_traceidratio");
    defaults.put("otel.traces.sampler.arg", "0.01");
    defaults.put("otel.bsp.schedule.delay", "1000");
    defaults.put("otel.metrics.exporter", "none");
    defaults.put("otel.logs.exporter", "none");
    return defaults;
  }

  /** The traces exporter when none is named: OTLP if an endpoint is, else none (file only). */
  private static Map<String, String> tracesExporter(ConfigProperties config) {
    if (isSet(System.getenv("OTEL_TRACES_EXPORTER"))
        || isSet(System.getProperty("otel.traces.exporter"))) {
      return Map.of();
    }
    boolean endpoint =
        isSet(config.getString("otel.exporter.otlp.endpoint"))
            || isSet(config.getString("otel.exporter.otlp.traces.endpoint"));
    return Map.of("otel.traces.exporter", endpoint ? "otlp" : "none");
  }

  /** Set and not blank: compose passes an unset variable on as "". */
  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  public Tracer tracer() {
    return tracer;
  }

  /**
   * A span per outgoing call (kind CLIENT, with {@code rpc.*} attributes and the gRPC status), and
   * the current context's {@code traceparent} in its headers.
   */
  public ClientInterceptor clientInterceptor() {
    return grpc.createClientInterceptor();
  }

  /**
   * A span per incoming call (kind SERVER), child of the caller's {@code traceparent} when it sent
   * a valid one; a malformed or missing one starts a new trace (W3C propagator).
   */
  public ServerInterceptor serverInterceptor() {
    return grpc.createServerInterceptor();
  }

  /** Flushes the spans queued and stops the exporters, within 5 s. */
  @Override
  public void close() {
    if (sdk != null) {
      sdk.shutdown().join(CLOSE_BOUND_SECONDS, TimeUnit.SECONDS);
    }
  }
}
