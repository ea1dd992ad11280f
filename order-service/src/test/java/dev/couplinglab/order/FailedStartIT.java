package dev.couplinglab.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.kafka.FreePorts;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.runtime.ServiceSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start-up that fails at its last step (the gRPC port is taken) closes every part started before
 * it: no relay, consumer, repair worker or Kafka client thread is left running. No broker runs.
 */
class FailedStartIT {

  /** Threads order-service's parts run on, by the names they give them. */
  private static final List<String> PART_THREADS =
      List.of("outbox-relay", "consumer-", "repair", "order-service-relay", "order-service-dlt");

  @TempDir Path dataDir;

  @Test
  void aFailedStartLeavesNoPartRunning() throws Exception {
    String nobody = "localhost:" + FreePorts.next();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(GrpcServer.LOOPBACK))) {
      OrderConfig config =
          OrderConfig.forTest(
              ServiceSettings.forTest(OrderConfig.SERVICE_NAME, dataDir, nobody)
                  .withGrpcPort(taken.getLocalPort()),
              nobody,
              nobody);

      assertThatThrownBy(() -> OrderApp.start(config, fatal -> {}))
          .as("start-up on a port in use")
          .isInstanceOf(IOException.class);
    }
    await("the parts started before the server to stop")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(Thread.getAllStackTraces().keySet())
                    .as("threads of order-service's parts after the failed start")
                    .filteredOn(Thread::isAlive)
                    .noneMatch(t -> PART_THREADS.stream().anyMatch(t.getName()::contains)));
  }
}
