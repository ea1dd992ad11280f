package dev.couplinglab.lab.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

/** Whether a TCP port can still be taken by a process we start. */
public final class PortCheck {

  private PortCheck() {}

  /** Free when nothing accepts connections on it and it can be bound on every interface. */
  public static boolean isFree(int port) {
    if (HealthProbe.tcpReachable(port, Duration.ofMillis(300))) {
      return false;
    }
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
