package dev.couplinglab.platform.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging into SLF4J, so that what grpc-java (and anything else on JUL) logs comes
 * out as one line in the house format, not in JUL's own two-line format on stderr.
 */
public final class JulBridge {

  private static boolean installed;

  private JulBridge() {}

  /** Installs the bridge once per JVM; later calls do nothing. */
  public static synchronized void install() {
    if (installed) {
      return;
    }
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    installed = true;
  }
}
