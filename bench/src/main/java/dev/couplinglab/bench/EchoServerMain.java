package dev.couplinglab.bench;

import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The gRPC floor's server, run as its own JVM like a service: {@code EchoServerMain <port>}. Same
 * grpc-java and Netty, and a fixed pool of 16 threads like the services' default GRPC_THREADS.
 */
public final class EchoServerMain {

  private static final int THREADS = 16;

  private EchoServerMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: EchoServerMain <port>");
      System.exit(2);
    }
    ExecutorService executor = Executors.newFixedThreadPool(THREADS);
    Server server =
        Grpc.newServerBuilderForPort(Integer.parseInt(args[0]), InsecureServerCredentials.create())
            .executor(executor)
            .addService(EchoService.definition(Payloads.response()))
            .build()
            .start();
    System.out.println("echo listening on gRPC port " + server.getPort());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdownNow();
                  executor.shutdownNow();
                },
                "echo-shutdown"));
    server.awaitTermination();
  }
}
