package dev.couplinglab.platform.telemetry;

import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes finished spans to a file as OTLP JSON, one export batch a line: each line is an {@code
 * ExportTraceServiceRequest} ({@code {"resourceSpans":[...]}}), the same JSON an OTLP/HTTP
 * collector accepts, read back by {@link SpanFile}. Past {@value #MAX_BYTES} bytes the file rolls
 * to {@code <service>.spans.1.jsonl} (replacing the previous one), so a service keeps at most about
 * twice that.
 *
 * <p>The encoding is the SDK's own OTLP marshaler (the one its {@code logging-otlp} exporter wraps;
 * that artifact is not served here); the file and its rolling are written here because several
 * services may share one JVM and the path is the service's data folder, which a logback appender
 * configured in XML cannot know.
 */
final class SpanFileExporter implements SpanExporter {

  static final long MAX_BYTES = 16L * 1024 * 1024;
  private static final Logger log = LoggerFactory.getLogger(SpanFileExporter.class);

  private final Path file;
  private final Path rolled;
  private final long maxBytes;
  private OutputStream out;
  private long size;
  private boolean failedOnce;

  SpanFileExporter(Path file) {
    this(file, MAX_BYTES);
  }

  SpanFileExporter(Path file, long maxBytes) {
    this.file = file;
    this.maxBytes = maxBytes;
    String name = file.getFileName().toString();
    this.rolled = file.resolveSibling(name.replace(".jsonl", ".1.jsonl"));
  }

  /** The span file of {@code serviceName} in {@code dataDir}. */
  static Path fileFor(Path dataDir, String serviceName) {
    return dataDir.resolve(serviceName + ".spans.jsonl");
  }

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> spans) {
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream(1024 * spans.size());
      TraceRequestMarshaler.create(spans).writeJsonTo(line);
      line.write('\n');
      if (out == null || size + line.size() > maxBytes) {
        open(out != null);
      }
      line.writeTo(out);
      out.flush();
      size += line.size();
      return CompletableResultCode.ofSuccess();
    } catch (IOException e) {
      if (!failedOnce) {
        failedOnce = true; // one line, not one a second
        log.warn("Cannot write spans to {}: {}", file, e.toString());
      }
      closeQuietly();
      return CompletableResultCode.ofFailure();
    }
  }

  private void open(boolean roll) throws IOException {
    closeQuietly();
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (roll) {
      Files.move(file, rolled, StandardCopyOption.REPLACE_EXISTING);
    }
    out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  private void closeQuietly() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // the next export opens it again
      }
      out = null;
    }
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess(); // every export is flushed already
  }

  @Override
  public synchronized CompletableResultCode shutdown() {
    closeQuietly();
    return CompletableResultCode.ofSuccess();
  }
}
