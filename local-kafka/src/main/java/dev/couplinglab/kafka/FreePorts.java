package dev.couplinglab.kafka;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports for a server that binds later (a Kafka listener written into a config file, a
 * child JVM's gRPC port), chosen outside the kernel's ephemeral range.
 *
 * <p>Why not {@code new ServerSocket(0)}: the kernel answers with a port from its ephemeral range
 * (Linux: 32768-60999), the same range it takes every client's outgoing port from, and Docker its
 * random host ports. Between the test closing that socket and the server binding the port, any
 * outgoing connection of the busy machine may take it ("address already in use"). A port below the
 * range can only be taken by another listener, so this picks one at random in {@link
 * #FIRST}..{@link #LAST}, checks that it binds on loopback, and never hands the same port out twice
 * in one JVM.
 */
public final class FreePorts {

  /** The range ports are drawn from: below Linux's (32768-60999) and macOS's ephemeral ranges. */
  public static final int FIRST = 20000;

  public static final int LAST = 32000;

  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  private FreePorts() {}

  /** A port that was free on loopback a moment ago and that this JVM has not handed out before. */
  public static int next() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST, LAST + 1);
      if (GIVEN.contains(port) || !bindable(port)) {
        continue;
      }
      if (GIVEN.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "-" + LAST + " after 200 tries");
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
