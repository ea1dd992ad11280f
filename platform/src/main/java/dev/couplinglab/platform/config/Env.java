package dev.couplinglab.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Typed access to environment variables with defaults. A value that does not parse stops start-up
 * with a {@link ConfigException} naming the variable and what it expected.
 */
public final class Env {

  private final Map<String, String> vars;

  public Env(Map<String, String> vars) {
    this.vars = Map.copyOf(vars);
  }

  public static Env system() {
    return new Env(System.getenv());
  }

  public String string(String name, String defaultValue) {
    String value = vars.get(name);
    return value == null || value.isBlank() ? defaultValue : value.trim();
  }

  public int integer(String name, int defaultValue, int min, int max) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // falls through to the one-line error below
    }
    throw new ConfigException(
        name + "=" + value + " is not valid: expected an integer from " + min + " to " + max);
  }

  public int port(String name, int defaultValue) {
    return integer(name, defaultValue, 0, 65535);
  }

  /**
   * An address to listen on: an IP literal ({@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::}) or
   * {@code localhost}. Names are refused so that start-up never waits on DNS.
   */
  public String bindAddress(String name, String defaultValue) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    if (value.equalsIgnoreCase("localhost") || isIpv4(value)) {
      return value;
    }
    if (value.contains(":") && value.matches("[0-9a-fA-F:.]+")) {
      try {
        java.net.InetAddress.getByName(value); // with a colon: parsed as IPv6, never looked up
        return value;
      } catch (java.net.UnknownHostException e) {
        // falls through to the one-line error below
      }
    }
    throw new ConfigException(
        name + "=" + value + " is not valid: expected an IP address such as 127.0.0.1 or 0.0.0.0");
  }

  private static boolean isIpv4(String value) {
    if (!value.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
      return false;
    }
    for (String octet : value.split("\\.")) {
      if (Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** A duration in milliseconds, e.g. {@code INVENTORY_DEADLINE_MS=2000}. */
  public Duration millis(String name, Duration defaultValue) {
    return Duration.ofMillis(integer(name, (int) defaultValue.toMillis(), 1, Integer.MAX_VALUE));
  }

  public Path path(String name, Path defaultValue) {
    String value = string(name, null);
    return value == null ? defaultValue : Path.of(value);
  }

  /**
   * One of {@code allowed} (compared ignoring case, returned as listed), e.g. {@code per-style}.
   */
  public String choice(String name, String defaultValue, java.util.List<String> allowed) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(value)) {
        return candidate;
      }
    }
    throw new ConfigException(
        name + "=" + value + " is not valid: expected one of " + String.join(", ", allowed));
  }

  public boolean flag(String name, boolean defaultValue) {
    String value = string(name, null);
    if (value == null) {
      return defaultValue;
    }
    return switch (value.toLowerCase()) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default ->
          throw new ConfigException(name + "=" + value + " is not valid: expected true or false");
    };
  }
}
