package dev.couplinglab.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.couplinglab.kafka.FreePorts;
import dev.couplinglab.platform.config.Env;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the gRPC API listens, started from the environment as {@code bin/lab up} starts it: this
 * machine only unless {@code GRPC_BIND_ADDRESS} opens it. notification-service stands for the three
 * (they share the setting and {@code GrpcServer.listening}); no broker runs.
 */
class BindAddressIT {

  @TempDir Path dataDir;

  @Test
  void listensOnLoopbackOnlyByDefault() throws Exception {
    InetAddress external = nonLoopbackAddress();
    try (NotificationApp app = NotificationApp.start(NotificationConfig.fromEnv(env(Map.of())))) {
      assertThat(connects(InetAddress.getLoopbackAddress(), app.grpcPort()))
          .as("reachable on 127.0.0.1")
          .isTrue();
      assertThatThrownBy(() -> connect(external, app.grpcPort()))
          .as("not reachable on %s, an address of this machine on the network", external)
          .isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void listensOnEveryInterfaceWhenAsked() throws Exception {
    InetAddress external = nonLoopbackAddress();
    try (NotificationApp app =
        NotificationApp.start(
            NotificationConfig.fromEnv(env(Map.of("GRPC_BIND_ADDRESS", "0.0.0.0"))))) {
      assertThat(connects(external, app.grpcPort()))
          .as("reachable on %s with GRPC_BIND_ADDRESS=0.0.0.0", external)
          .isTrue();
    }
  }

  private Env env(Map<String, String> extra) {
    Map<String, String> vars = new HashMap<>(extra);
    vars.put("GRPC_PORT", "0");
    vars.put("DATA_DIR", dataDir.toString());
    vars.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + FreePorts.next()); // nobody there
    return new Env(vars);
  }

  private static boolean connects(InetAddress address, int port) throws IOException {
    connect(address, port);
    return true;
  }

  private static void connect(InetAddress address, int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 2_000);
    }
  }

  /** An IPv4 address of this machine on an interface that is up and not loopback. */
  private static InetAddress nonLoopbackAddress() throws SocketException {
    Optional<InetAddress> found =
        NetworkInterface.networkInterfaces()
            .filter(
                nic -> {
                  try {
                    return nic.isUp() && !nic.isLoopback();
                  } catch (SocketException e) {
                    return false;
                  }
                })
            .flatMap(NetworkInterface::inetAddresses)
            .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
            .findFirst();
    assumeTrue(found.isPresent(), "this machine has no non-loopback IPv4 address to try");
    return found.get();
  }
}
