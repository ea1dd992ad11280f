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

/**
 * Asks a service for its overall gRPC health (service name ""), for the health of one of its parts,
 * or whether a port answers.
 */
public final class HealthProbe implements AutoCloseable {

  public static final String UNREACHABLE = "UNREACHABLE";

  private final ManagedChannel channel;

  public HealthProbe(String address) {
    this.channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
  }

  /** No answer although the port accepts connections: alive but busy, paused or stuck. */
  public static final String NO_ANSWER = "NO ANSWER";

  /**
   * Like {@link #check(Duration)}, but an answer that misses {@code deadline} while the port still
   * accepts connections is waited for up to {@code patience} more: a slow answer reads, e.g.,
   * "SERVING (slow: answered in 2.3 s)", no answer at all {@link #NO_ANSWER}, a refused connection
   * {@link #UNREACHABLE}.
   */
  public String check(Duration deadline, Duration patience, int port) {
    String quick = check(deadline);
    if (!quick.equals(UNREACHABLE) || !tcpReachable(port, deadline)) {
      return quick;
    }
    long start = System.nanoTime();
    String slow = check(patience);
    if (slow.equals(UNREACHABLE)) {
      return tcpReachable(port, deadline)
          ? NO_ANSWER + " in " + (deadline.plus(patience).toMillis() / 1000.0) + " s (port open)"
          : UNREACHABLE;
    }
    double seconds = (System.nanoTime() - start) / 1e9 + deadline.toMillis() / 1000.0;
    return slow + String.format(java.util.Locale.ROOT, " (slow: answered in %.1f s)", seconds);
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

  /** Said of a part the service does not report (an older build, or a name it does not have). */
  public static final String NOT_REPORTED = "NOT REPORTED";

  /**
   * The gRPC health of one part ({@code dev.couplinglab.contracts.HealthNames}): SERVING,
   * NOT_SERVING, UNKNOWN, {@link #NOT_REPORTED}, {@link #UNREACHABLE}, or the status code of an
   * unexpected answer.
   */
  public String part(String service, Duration deadline) {
    try {
      return HealthGrpc.newBlockingStub(channel)
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .check(HealthCheckRequest.newBuilder().setService(service).build())
          .getStatus()
          .name();
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      return switch (code) {
        case NOT_FOUND -> NOT_REPORTED;
        case UNAVAILABLE, DEADLINE_EXCEEDED -> UNREACHABLE;
        default -> code.name();
      };
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
