package dev.couplinglab.platform.telemetry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads spans back from OTLP JSON lines: a service's span file ({@link SpanFileExporter}) or any
 * text whose lines each hold one {@code ExportTraceServiceRequest} in the OTLP JSON form (e.g. a
 * service's output read through {@code docker compose logs}, prefix before the first brace
 * ignored). A line that is not such JSON is skipped: a file cut by a crash loses its last line
 * only.
 */
public final class SpanFile {

  /**
   * One finished span.
   *
   * @param service the {@code service.name} of the resource that wrote it
   * @param parentSpanId "" for a root span
   * @param kind the OTLP span kind number (1 internal, 2 server, 3 client, 4 producer, 5 consumer)
   * @param attributes each value as text
   * @param links the span ids of the spans this one links to, as {@code traceId/spanId}
   * @param error whether its status is ERROR
   */
  public record Span(
      String service,
      String traceId,
      String spanId,
      String parentSpanId,
      String name,
      int kind,
      long startEpochNanos,
      long endEpochNanos,
      Map<String, String> attributes,
      List<String> links,
      boolean error) {

    public boolean isRoot() {
      return parentSpanId.isEmpty();
    }
  }

  private SpanFile() {}

  /** The span file of {@code serviceName} in {@code dataDir} (rolled part not included). */
  public static Path of(Path dataDir, String serviceName) {
    return SpanFileExporter.fileFor(dataDir, serviceName);
  }

  /** The part {@code file} rolled to when it grew past its bound (older spans). */
  public static Path rolled(Path file) {
    return file.resolveSibling(file.getFileName().toString().replace(".jsonl", ".1.jsonl"));
  }

  /** Every span in {@code file} and in its rolled predecessor, oldest first; none if absent. */
  public static List<Span> read(Path file) {
    List<Span> spans = new ArrayList<>();
    Path rolled = rolled(file);
    for (Path part : List.of(rolled, file)) {
      if (Files.exists(part)) {
        try (Stream<String> lines = Files.lines(part)) {
          spans.addAll(parse(lines));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return spans;
  }

  /** The spans of every line that holds an OTLP JSON export request. */
  public static List<Span> parse(Stream<String> lines) {
    List<Span> spans = new ArrayList<>();
    lines.forEach(line -> parseLine(line, spans));
    return spans;
  }

  private static void parseLine(String line, List<Span> into) {
    int brace = line.indexOf('{');
    if (brace < 0) {
      return;
    }
    JsonObject request;
    try {
      request = JsonParser.parseString(line.substring(brace)).getAsJsonObject();
    } catch (JsonParseException | IllegalStateException e) {
      return; // not a span line (or one cut short)
    }
    for (JsonElement resourceSpans : array(request, "resourceSpans")) {
      JsonObject rs = resourceSpans.getAsJsonObject();
      JsonObject resource = rs.has("resource") ? rs.getAsJsonObject("resource") : new JsonObject();
      String service = attributes(resource).getOrDefault("service.name", "");
      for (JsonElement scopeSpans : array(rs, "scopeSpans")) {
        for (JsonElement span : array(scopeSpans.getAsJsonObject(), "spans")) {
          into.add(span(service, span.getAsJsonObject()));
        }
      }
    }
  }

  private static Span span(String service, JsonObject s) {
    List<String> links = new ArrayList<>();
    for (JsonElement link : array(s, "links")) {
      JsonObject l = link.getAsJsonObject();
      links.add(text(l, "traceId") + "/" + text(l, "spanId"));
    }
    JsonObject status = s.has("status") ? s.getAsJsonObject("status") : new JsonObject();
    return new Span(
        service,
        text(s, "traceId"),
        text(s, "spanId"),
        text(s, "parentSpanId"),
        text(s, "name"),
        s.has("kind") ? s.get("kind").getAsInt() : 0,
        s.has("startTimeUnixNano") ? s.get("startTimeUnixNano").getAsLong() : 0,
        s.has("endTimeUnixNano") ? s.get("endTimeUnixNano").getAsLong() : 0,
        attributes(s),
        List.copyOf(links),
        status.has("code") && status.get("code").getAsInt() == 2);
  }

  private static Map<String, String> attributes(JsonObject holder) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (JsonElement a : array(holder, "attributes")) {
      JsonObject attribute = a.getAsJsonObject();
      JsonObject value = attribute.getAsJsonObject("value");
      String text = "";
      if (value != null && !value.entrySet().isEmpty()) {
        JsonElement v = value.entrySet().iterator().next().getValue();
        text = v.isJsonPrimitive() ? v.getAsString() : v.toString();
      }
      attributes.put(text(attribute, "key"), text);
    }
    return Map.copyOf(attributes);
  }

  private static JsonArray array(JsonObject holder, String name) {
    JsonElement element = holder.get(name);
    return element != null && element.isJsonArray() ? element.getAsJsonArray() : new JsonArray();
  }

  private static String text(JsonObject holder, String name) {
    JsonElement element = holder.get(name);
    return element == null || element.isJsonNull() ? "" : element.getAsString();
  }
}
