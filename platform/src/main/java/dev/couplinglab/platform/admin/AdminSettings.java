package dev.couplinglab.platform.admin;

import dev.couplinglab.platform.config.Env;

/**
 * Whether the admin API answers, and the token it wants.
 *
 * <p>{@code ADMIN_ENABLED} (default true) and {@code ADMIN_TOKEN}. With no token, the admin API
 * refuses every call with FAILED_PRECONDITION: there is no generated token, so nothing secret ever
 * needs to be printed. {@link #toString()} never shows the token.
 *
 * @param enabled {@code ADMIN_ENABLED}; false makes every admin call UNIMPLEMENTED
 * @param token {@code ADMIN_TOKEN}, or null when unset
 */
public record AdminSettings(boolean enabled, String token) {

  public static AdminSettings fromEnv(Env env) {
    return new AdminSettings(env.flag("ADMIN_ENABLED", true), env.string("ADMIN_TOKEN", null));
  }

  /** Enabled with {@code token} (tests, in-process clusters). */
  public static AdminSettings withToken(String token) {
    return new AdminSettings(true, token);
  }

  public static AdminSettings disabled() {
    return new AdminSettings(false, null);
  }

  public boolean hasToken() {
    return token != null && !token.isEmpty();
  }

  /** The state in words, for a start-up log line; never the token. */
  public String summary() {
    if (!enabled) {
      return "admin API disabled by ADMIN_ENABLED=false";
    }
    return hasToken()
        ? "admin API enabled (token from ADMIN_TOKEN)"
        : "admin API refuses every call: ADMIN_TOKEN is not set";
  }

  @Override
  public String toString() {
    return "AdminSettings[enabled=" + enabled + ", token=" + (hasToken() ? "***" : "unset") + "]";
  }
}
