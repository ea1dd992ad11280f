package dev.couplinglab.lab;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.platform.telemetry.SpanFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes spans into a run folder's span files as the services' exporters do (one OTLP JSON export
 * batch a line), for tests of what reads them. Times are milliseconds after a fixed start.
 */
public final class SpanFixture {

  private static final long T0 = 1_764_000_000_000_000_000L;

  private final RunDir run;

  public SpanFixture(Path runRoot) {
    this.run = RunDir.of(runRoot);
  }

  /** Appends one span of {@code service} to its span file, in a batch of its own. */
  public SpanFixture span(
      Part service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      double fromMs,
      double toMs,
      String orderId)
      throws IOException {
    String span =
        String.format(
            java.util.Locale.ROOT,
            "{\"traceId\":\"%s\",\"spanId\":\"%s\",\"parentSpanId\":\"%s\",\"name\":\"%s\","
                + "\"kind\":%d,\"startTimeUnixNano\":\"%d\",\"endTimeUnixNano\":\"%d\","
                + "\"attributes\":[{\"key\":\"couplinglab.order.id\","
                + "\"value\":{\"stringValue\":\"%s\"}}],\"status\":{}}",
            traceId,
            spanId,
            parentSpanId,
            name,
            kind,
            T0 + (long) (fromMs * 1e6),
            T0 + (long) (toMs * 1e6),
            orderId);
    String line =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"stringValue\":\""
            + service.displayName()
            + "\"}}]},\"scopeSpans\":[{\"scope\":{\"name\":\"couplinglab\"},\"spans\":["
            + span
            + "]}]}]}\n";
    Path dir = run.dataDir(service);
    Files.createDirectories(dir);
    Files.writeString(
        SpanFile.of(dir, service.displayName()),
        line,
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return this;
  }

  /** A whole sync chain: PlaceOrder calls Notify, which notification-service answers. */
  public SpanFixture syncChain(String traceId, String orderId) throws IOException {
    String p = traceId.substring(0, 14);
    span(
        Part.ORDER,
        traceId,
        p + "01",
        "c0ffee0000000001",
        rpc("Order", "PlaceOrder"),
        2,
        0,
        6,
        orderId);
    span(Part.ORDER, traceId, p + "02", p + "01", rpc("Notification", "Notify"), 3, 2, 5, orderId);
    return span(
        Part.NOTIFICATION,
        traceId,
        p + "03",
        p + "02",
        rpc("Notification", "Notify"),
        2,
        3,
        4,
        orderId);
  }

  /** An async chain up to its outbox wait; {@link #asyncEnd} writes notification-service's part. */
  public SpanFixture asyncStart(String traceId, String orderId) throws IOException {
    String p = traceId.substring(0, 14);
    span(
        Part.ORDER,
        traceId,
        p + "01",
        "c0ffee0000000002",
        rpc("Order", "PlaceOrder"),
        2,
        0,
        1,
        orderId);
    return span(
        Part.ORDER, traceId, p + "02", p + "01", "outbox wait notifications", 4, 1, 3, orderId);
  }

  public SpanFixture asyncEnd(String traceId, String orderId) throws IOException {
    String p = traceId.substring(0, 14);
    return span(
        Part.NOTIFICATION, traceId, p + "03", p + "02", "process notifications", 5, 4, 9, orderId);
  }

  private static String rpc(String service, String method) {
    return "couplinglab.v1." + service + "Service/" + method;
  }
}
