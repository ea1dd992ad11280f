package dev.couplinglab.experiment.model;

import dev.couplinglab.contracts.v1.Style;
import java.util.Arrays;
import java.util.Optional;

/** A communication style as written in experiment files and reports. */
public enum RunStyle {
  SYNC("sync", Style.SYNC),
  ASYNC("async", Style.ASYNC);

  private final String text;
  private final Style proto;

  RunStyle(String text, Style proto) {
    this.text = text;
    this.proto = proto;
  }

  public String text() {
    return text;
  }

  public Style proto() {
    return proto;
  }

  public static Optional<RunStyle> fromText(String text) {
    return Arrays.stream(values()).filter(s -> s.text.equals(text)).findFirst();
  }
}
