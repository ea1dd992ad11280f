package dev.couplinglab.experiment.model;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code expectations.status_during_fault}: a list of {@code {style: sync, code:
 * RESOURCE_EXHAUSTED, at_least: 30%}} (or {@code at_most}).
 */
final class StatusShares {

  private static final Pattern PERCENT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*%");

  private StatusShares() {}

  static List<StatusShare> parse(Fields expectations, String key) {
    List<?> raw = expectations.list(key);
    List<StatusShare> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Fields f =
          Fields.of(expectations.name(key) + "[" + i + "]", raw.get(i))
              .allowOnly(Set.of("style", "code", "at_least", "at_most"));
      String styleText = f.requiredString("style");
      RunStyle style =
          RunStyle.fromText(styleText)
              .orElseThrow(
                  () ->
                      new ExperimentException(
                          f.name("style") + ": expected sync or async, got '" + styleText + "'"));
      Double atLeast = percent(f, "at_least");
      Double atMost = percent(f, "at_most");
      if (atLeast == null && atMost == null) {
        throw new ExperimentException(f.name("at_least") + ": give at_least or at_most (e.g. 30%)");
      }
      if (atLeast != null && atMost != null && atLeast > atMost) {
        throw new ExperimentException(f.name("at_least") + ": is above at_most");
      }
      out.add(new StatusShare(style, code(f), atLeast, atMost));
    }
    return out;
  }

  private static String code(Fields f) {
    String code = f.requiredString("code");
    try {
      return Status.Code.valueOf(code).name();
    } catch (IllegalArgumentException e) {
      throw new ExperimentException(
          f.name("code")
              + ": expected a gRPC status name like RESOURCE_EXHAUSTED (OK: accepted), got '"
              + code
              + "'");
    }
  }

  private static Double percent(Fields f, String key) {
    if (!f.has(key)) {
      return null;
    }
    String text = String.valueOf(f.raw(key)).trim();
    Matcher m = PERCENT.matcher(text);
    double p = m.matches() ? Double.parseDouble(m.group(1)) : -1;
    if (!(p >= 0 && p <= 100)) {
      throw new ExperimentException(
          f.name(key) + ": expected a percentage from 0% to 100%, got '" + text + "'");
    }
    return p;
  }
}
