package dev.couplinglab.experiment.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The samples of one scrape of a Prometheus text endpoint ({@code /metrics}, text format 0.0.4):
 * each a name, labels and a value. Written by hand because the Java clients only write this format;
 * none reads it, and the lab needs just the lines, not a query engine.
 */
public final class Samples {

  /** One line: {@code name{labels} value}. */
  public record Sample(String name, Map<String, String> labels, double value) {

    public String label(String key) {
      return labels.getOrDefault(key, "");
    }
  }

  private final List<Sample> samples;

  private Samples(List<Sample> samples) {
    this.samples = List.copyOf(samples);
  }

  public static Samples none() {
    return new Samples(List.of());
  }

  /** Parses the text format; comment lines and lines that do not parse are skipped. */
  public static Samples parse(String text) {
    List<Sample> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Sample s = line(line.strip());
      if (s != null) {
        out.add(s);
      }
    }
    return new Samples(out);
  }

  public List<Sample> all() {
    return samples;
  }

  /** The samples of {@code name} whose labels pass {@code labels}. */
  public List<Sample> of(String name, Predicate<Sample> labels) {
    return samples.stream().filter(s -> s.name().equals(name) && labels.test(s)).toList();
  }

  /** The sum of the values of {@code name} whose labels pass {@code labels}. */
  public double sum(String name, Predicate<Sample> labels) {
    return of(name, labels).stream().mapToDouble(Sample::value).sum();
  }

  private static Sample line(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (space < 0) {
      return null;
    }
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    int rest;
    if (brace >= 0 && brace < space) {
      name = line.substring(0, brace);
      rest = labels(line, brace + 1, labels);
      if (rest < 0) {
        return null;
      }
    } else {
      name = line.substring(0, space);
      rest = space;
    }
    String[] tail = line.substring(rest).strip().split("\\s+");
    if (tail.length == 0 || tail[0].isEmpty()) {
      return null;
    }
    try {
      return new Sample(name, labels, value(tail[0]));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Reads {@code k="v",...}} from {@code at}; the index after the closing brace, or -1. */
  private static int labels(String line, int at, Map<String, String> labels) {
    int i = at;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (c == '}') {
        return i + 1;
      }
      if (c == ',' || c == ' ') {
        i++;
        continue;
      }
      int eq = line.indexOf('=', i);
      if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
        return -1;
      }
      String key = line.substring(i, eq).strip();
      StringBuilder value = new StringBuilder();
      int j = eq + 2;
      for (; j < line.length() && line.charAt(j) != '"'; j++) {
        char v = line.charAt(j);
        if (v == '\\' && j + 1 < line.length()) {
          char e = line.charAt(++j);
          value.append(e == 'n' ? '\n' : e);
        } else {
          value.append(v);
        }
      }
      if (j >= line.length()) {
        return -1;
      }
      labels.put(key, value.toString());
      i = j + 1;
    }
    return -1;
  }

  private static double value(String s) {
    return switch (s) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(s);
    };
  }
}
