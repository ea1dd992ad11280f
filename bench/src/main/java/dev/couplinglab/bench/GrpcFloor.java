package dev.couplinglab.bench;

import dev.couplinglab.experiment.launch.LaunchPlan;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The gRPC floor: sequential unary calls from this JVM to {@link EchoServerMain} in a child JVM
 * over loopback, PlaceOrderRequest-sized requests and Order-sized replies.
 */
final class GrpcFloor {

  private static final Duration READY_BOUND = Duration.ofSeconds(60);

  private GrpcFloor() {}

  static Latency measure(Path home, Path workDir, int warmUp, int measured) {
    int port = ClusterProcesses.freePort();
    Path jar = home.resolve("bench/target/bench.jar");
    // The flags the cluster's JVMs run with, so the floor is measured on the same footing.
    List<String> command = new ArrayList<>();
    command.add(LaunchPlan.currentJava());
    command.addAll(LaunchPlan.JVM_FLAGS);
    command.addAll(
        List.of("-cp", jar.toString(), EchoServerMain.class.getName(), Integer.toString(port)));
    try (ChildJvm server =
        ChildJvm.start("echo", command, Map.of(), workDir, workDir.resolve("echo.log"))) {
      ManagedChannel channel =
          ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
      try {
        byte[] request = Payloads.request();
        awaitReady(channel, request, server);
        for (int i = 0; i < warmUp; i++) {
          call(channel, request);
        }
        Histogram histogram = Latency.histogram();
        for (int i = 0; i < measured; i++) {
          long start = System.nanoTime();
          call(channel, request);
          Latency.record(histogram, System.nanoTime() - start);
        }
        return Latency.of(histogram);
      } finally {
        channel.shutdownNow();
      }
    }
  }

  private static byte[] call(ManagedChannel channel, byte[] request) {
    return ClientCalls.blockingUnaryCall(
        channel,
        EchoService.ECHO,
        CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS),
        request);
  }

  private static void awaitReady(ManagedChannel channel, byte[] request, ChildJvm server) {
    long deadline = System.nanoTime() + READY_BOUND.toNanos();
    while (true) {
      try {
        call(channel, request);
        return;
      } catch (StatusRuntimeException e) {
        if (!server.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("echo server did not answer: " + e.getStatus(), e);
        }
        channel.resetConnectBackoff();
        Pause.millis(50);
      }
    }
  }
}
