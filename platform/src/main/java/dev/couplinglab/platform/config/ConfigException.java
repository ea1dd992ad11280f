package dev.couplinglab.platform.config;

/** A bad or missing setting. Its message is the one line a user reads before the process exits. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
