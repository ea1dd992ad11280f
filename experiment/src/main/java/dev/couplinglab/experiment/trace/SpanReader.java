package dev.couplinglab.experiment.trace;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads spans from OTLP JSON lines, as the services write them (the OpenTelemetry SDK's OTLP JSON
 * exporters): each line one {@code ExportTraceServiceRequest} ({@code {"resourceSpans": [...]}}) or
 * one {@code ResourceSpans}. Ids are hex, times Unix nanoseconds as strings or numbers, the kind an
 * integer or its enum name, as the OTLP JSON encoding allows. A line that does not parse is
 * skipped: a file being written may end in half a line.
 */
public final class SpanReader {

  private static final String[] KINDS = {
    "UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"
  };
  private static final int STATUS_ERROR = 2;

  private SpanReader() {}

  /** Every span of every line of {@code text}. */
  public static List<Span> read(String text) {
    List<Span> spans = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank()) {
        line(line, spans);
      }
    }
    return spans;
  }

  private static void line(String line, List<Span> out) {
    JsonObject root;
    try {
      JsonElement parsed = JsonParser.parseString(line);
      if (!parsed.isJsonObject()) {
        return;
      }
      root = parsed.getAsJsonObject();
    } catch (JsonParseException e) {
      return;
    }
    if (root.has("resourceSpans")) {
      for (JsonElement rs : array(root, "resourceSpans")) {
        resourceSpans(rs.getAsJsonObject(), out);
      }
    } else if (root.has("scopeSpans")) {
      resourceSpans(root, out);
    }
  }

  private static void resourceSpans(JsonObject rs, List<Span> out) {
    String service = "";
    if (rs.has("resource")) {
      service = attributes(rs.getAsJsonObject("resource")).getOrDefault("service.name", "");
    }
    for (JsonElement ss : array(rs, "scopeSpans")) {
      for (JsonElement s : array(ss.getAsJsonObject(), "spans")) {
        out.add(span(s.getAsJsonObject(), service));
      }
    }
  }

  private static Span span(JsonObject s, String service) {
    boolean error =
        s.has("status")
            && s.getAsJsonObject("status").has("code")
            && statusCode(s.getAsJsonObject("status").get("code")) == STATUS_ERROR;
    return new Span(
        text(s, "traceId"),
        text(s, "spanId"),
        text(s, "parentSpanId"),
        service,
        text(s, "name"),
        kind(s.get("kind")),
        nanos(s, "startTimeUnixNano"),
        nanos(s, "endTimeUnixNano"),
        error,
        attributes(s));
  }

  /** OTLP key/value attributes as text: strings, numbers and booleans as written. */
  private static Map<String, String> attributes(JsonObject owner) {
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonElement a : array(owner, "attributes")) {
      JsonObject kv = a.getAsJsonObject();
      JsonObject value = kv.has("value") ? kv.getAsJsonObject("value") : new JsonObject();
      for (String type : List.of("stringValue", "intValue", "doubleValue", "boolValue")) {
        if (value.has(type)) {
          out.put(text(kv, "key"), value.get(type).getAsString());
        }
      }
    }
    return out;
  }

  private static String kind(JsonElement kind) {
    if (kind == null) {
      return KINDS[0];
    }
    if (kind.getAsJsonPrimitive().isNumber()) {
      int k = kind.getAsInt();
      return k >= 0 && k < KINDS.length ? KINDS[k] : KINDS[0];
    }
    return kind.getAsString().replace("SPAN_KIND_", "");
  }

  private static int statusCode(JsonElement code) {
    if (code.getAsJsonPrimitive().isNumber()) {
      return code.getAsInt();
    }
    return code.getAsString().endsWith("ERROR") ? STATUS_ERROR : 0;
  }

  private static long nanos(JsonObject s, String key) {
    return s.has(key) ? Long.parseLong(s.get(key).getAsString()) : 0;
  }

  private static String text(JsonObject o, String key) {
    return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : "";
  }

  private static JsonArray array(JsonObject o, String key) {
    return o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : new JsonArray();
  }
}
