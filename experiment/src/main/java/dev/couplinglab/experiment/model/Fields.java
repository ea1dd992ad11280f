package dev.couplinglab.experiment.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed reads from one YAML mapping, each failure a one-line {@link ExperimentException} naming the
 * field by its path (e.g. {@code timeline[1].fixed}).
 */
final class Fields {

  private final String path;
  private final Map<?, ?> map;

  private Fields(String path, Map<?, ?> map) {
    this.path = path;
    this.map = map;
  }

  /** The mapping at {@code path}; {@code value} null reads as an empty mapping. */
  static Fields of(String path, Object value) {
    if (value == null) {
      return new Fields(path, Map.of());
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new ExperimentException(label(path) + ": expected a mapping of fields");
    }
    return new Fields(path, m);
  }

  /** Refuses keys outside {@code allowed}: a typo must not silently fall back to a default. */
  Fields allowOnly(Set<String> allowed) {
    for (Object key : map.keySet()) {
      if (!allowed.contains(String.valueOf(key))) {
        throw new ExperimentException(
            name(String.valueOf(key))
                + ": unknown field (expected one of "
                + String.join(", ", new TreeSet<>(allowed))
                + ")");
      }
    }
    return this;
  }

  boolean has(String key) {
    return map.get(key) != null;
  }

  Object raw(String key) {
    return map.get(key);
  }

  String name(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  String string(String key, String fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Map || v instanceof List) {
      throw new ExperimentException(name(key) + ": expected a text value");
    }
    String s = String.valueOf(v).trim();
    if (s.isEmpty()) {
      throw new ExperimentException(name(key) + ": must not be empty");
    }
    return s;
  }

  String requiredString(String key) {
    String s = string(key, null);
    if (s == null) {
      throw new ExperimentException(name(key) + ": is required");
    }
    return s;
  }

  Duration duration(String key, Duration fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    Duration d =
        DurationText.parse(String.valueOf(v))
            .orElseThrow(
                () ->
                    new ExperimentException(
                        name(key)
                            + ": expected a duration like 500ms, 10s or 2m, got '"
                            + v
                            + "'"));
    if (d.isNegative()) {
      throw new ExperimentException(name(key) + ": must not be negative");
    }
    return d;
  }

  Duration requiredDuration(String key) {
    if (!has(key)) {
      throw new ExperimentException(name(key) + ": is required (a duration like 500ms, 10s, 2m)");
    }
    return duration(key, null);
  }

  double number(String key, double fallback, double min, double max) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Number n)) {
      throw new ExperimentException(name(key) + ": expected a number, got '" + v + "'");
    }
    double d = n.doubleValue();
    if (!(d >= min && d <= max)) {
      throw new ExperimentException(
          name(key) + ": must be from " + plain(min) + " to " + plain(max) + ", was " + plain(d));
    }
    return d;
  }

  int integer(String key, int fallback, int min, int max) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Integer || v instanceof Long)) {
      throw new ExperimentException(name(key) + ": expected a whole number, got '" + v + "'");
    }
    return (int) number(key, fallback, min, max);
  }

  Boolean flag(String key, Boolean fallback) {
    Object v = map.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Boolean b)) {
      throw new ExperimentException(name(key) + ": expected true or false, got '" + v + "'");
    }
    return b;
  }

  List<?> list(String key) {
    Object v = map.get(key);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> l)) {
      throw new ExperimentException(name(key) + ": expected a list");
    }
    return l;
  }

  private static String label(String path) {
    return path.isEmpty() ? "experiment" : path;
  }

  private static String plain(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
  }
}
