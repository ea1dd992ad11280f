package dev.couplinglab.experiment.report;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Writes maps, lists, strings, numbers, booleans and nulls as indented JSON. */
public final class Json {

  private Json() {}

  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "");
    return out.append('\n').toString();
  }

  private static void write(StringBuilder out, Object v, String indent) {
    if (v instanceof Optional<?> o) {
      write(out, o.orElse(null), indent);
    } else if (v == null) {
      out.append("null");
    } else if (v instanceof Map<?, ?> m) {
      writeMap(out, m, indent);
    } else if (v instanceof Collection<?> c) {
      writeList(out, c, indent);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      out.append(Double.isFinite(d) ? String.format(Locale.ROOT, "%s", d) : "null");
    } else if (v instanceof Number || v instanceof Boolean) {
      out.append(v);
    } else {
      string(out, v.toString());
    }
  }

  private static void writeMap(StringBuilder out, Map<?, ?> m, String indent) {
    if (m.isEmpty()) {
      out.append("{}");
      return;
    }
    String inner = indent + "  ";
    out.append("{\n");
    int i = 0;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      out.append(inner);
      string(out, String.valueOf(e.getKey()));
      out.append(": ");
      write(out, e.getValue(), inner);
      out.append(++i < m.size() ? ",\n" : "\n");
    }
    out.append(indent).append('}');
  }

  private static void writeList(StringBuilder out, Collection<?> c, String indent) {
    if (c.isEmpty()) {
      out.append("[]");
      return;
    }
    boolean flat = c.stream().noneMatch(x -> x instanceof Map || x instanceof Collection);
    String inner = indent + "  ";
    out.append(flat ? "[" : "[\n");
    int i = 0;
    for (Object x : c) {
      if (!flat) {
        out.append(inner);
      }
      write(out, x, inner);
      boolean last = ++i == c.size();
      out.append(last ? (flat ? "" : "\n") : (flat ? ", " : ",\n"));
    }
    out.append(flat ? "" : indent).append(']');
  }

  private static void string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (ch < 0x20) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
          } else {
            out.append(ch);
          }
        }
      }
    }
    out.append('"');
  }
}
