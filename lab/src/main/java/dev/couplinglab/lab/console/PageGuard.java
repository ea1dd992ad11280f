package dev.couplinglab.lab.console;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What a request must show before the console acts on it. Every request: a {@code Host} that is the
 * console's own address (a page on another name that resolves here, DNS rebinding, gets nothing).
 * Every request that changes something: a POST whose {@code Origin} is the console itself, carrying
 * the per-page token in {@code X-Console-Token}. The token is written into the page the console
 * serves and nowhere else (no URL, no cookie), so a page of another origin, which cannot read the
 * console's page, cannot send it. The admin token of the cluster never leaves the server.
 */
final class PageGuard {

  static final String TOKEN_HEADER = "X-Console-Token";

  private final String token;
  private final java.util.Set<String> hosts;

  /**
   * @param bind the address the console listens on: its own name in a Host header is accepted
   *     beside the loopback names
   */
  PageGuard(String bind, int port) {
    this.hosts =
        java.util.Set.copyOf(
            java.util.List.of(
                "127.0.0.1:" + port,
                "localhost:" + port,
                "[::1]:" + port,
                bind.toLowerCase(java.util.Locale.ROOT) + ":" + port));
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    this.token = HexFormat.of().formatHex(bytes);
  }

  /** The token the page sends back with each change. */
  String token() {
    return token;
  }

  /** Why a request is refused, or empty when its Host is the console's own. */
  Optional<String> checkHost(String host) {
    if (host == null) {
      return Optional.of("no Host header");
    }
    String h = host.strip().toLowerCase(java.util.Locale.ROOT);
    if (hosts.contains(h)) {
      return Optional.empty();
    }
    return Optional.of("the console answers to its own address only, not to '" + host + "'");
  }

  /** Why a change is refused, or empty when it comes from the console's own page. */
  Optional<String> checkChange(String host, String origin, String sentToken) {
    Optional<String> badHost = checkHost(host);
    if (badHost.isPresent()) {
      return badHost;
    }
    if (origin == null || !origin.strip().equalsIgnoreCase("http://" + host.strip())) {
      return Optional.of("a change must come from the console's own page (Origin " + origin + ")");
    }
    if (sentToken == null
        || !MessageDigest.isEqual(
            sentToken.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      return Optional.of("the page's token is missing or wrong: reload the page");
    }
    return Optional.empty();
  }
}
