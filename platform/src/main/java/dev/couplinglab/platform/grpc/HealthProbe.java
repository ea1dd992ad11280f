package dev.couplinglab.platform.grpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC health check from a JVM: {@code java -cp ... HealthProbe localhost:15051} exits 0 when
 * the server's gRPC health says SERVING within 2 s, 1 otherwise (one line on stderr says why). The
 * images' healthcheck no longer uses it (docker/service/grpc-health.sh asks the same in bash, for
 * next to no CPU); docker/probe-cost.sh runs both to measure the difference.
 */
public final class HealthProbe {

  private HealthProbe() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      System.err.println("usage: HealthProbe host:port");
      System.exit(2);
    }
    ManagedChannel channel = ManagedChannelBuilder.forTarget(args[0]).usePlaintext().build();
    int exit = 1;
    try {
      ServingStatus status =
          HealthGrpc.newBlockingStub(channel)
              .withDeadlineAfter(2, TimeUnit.SECONDS)
              .check(HealthCheckRequest.getDefaultInstance())
              .getStatus();
      if (status == ServingStatus.SERVING) {
        exit = 0;
      } else {
        System.err.println(args[0] + " is " + status);
      }
    } catch (StatusRuntimeException e) {
      System.err.println(args[0] + " health check failed: " + e.getStatus());
    } finally {
      channel.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
    }
    System.exit(exit);
  }
}
