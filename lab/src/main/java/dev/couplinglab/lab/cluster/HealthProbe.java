package dev.couplinglab.lab.cluster;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Asks a service for its overall gRPC health (service name ""), or whether a port answers. */
public final class HealthProbe implements AutoCloseable {

  public static final String UNREACHABLE = "UNREACHABLE";

  private final ManagedChannel channel;

  public HealthProbe(String target) {
    this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
  }

  /** SERVING, NOT_SERVING, UNREACHABLE, or the status code of an unexpected answer. */
  public String check(Duration deadline) {
    // A refused connection puts the channel in back-off; a probe wants to try again now.
    channel.resetConnectBackoff();
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService("").build())
          .getStatus()
          .name();
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
          ? UNREACHABLE
          : code.name();
    }
  }

  /** Whether a TCP connection to localhost:{@code port} is accepted. */
  public static boolean tcpReachable(int port, Duration timeout) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("localhost", port), (int) timeout.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
