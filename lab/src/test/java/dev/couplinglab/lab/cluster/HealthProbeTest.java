package dev.couplinglab.lab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.kafka.FreePorts;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A slow answer, no answer and a refused connection read differently in lab status. */
class HealthProbeTest {

  private static final Duration DEADLINE = Duration.ofMillis(200);
  private static final Duration PATIENCE = Duration.ofSeconds(3);

  @Test
  void aSlowAnswerIsShownAsSlowNotAsUnreachable() throws Exception {
    Server slow =
        ServerBuilder.forPort(0)
            .addService(
                new HealthGrpc.HealthImplBase() {
                  @Override
                  public void check(
                      HealthCheckRequest request, StreamObserver<HealthCheckResponse> answer) {
                    try {
                      TimeUnit.MILLISECONDS.sleep(600); // a busy service, on purpose
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    answer.onNext(
                        HealthCheckResponse.newBuilder()
                            .setStatus(HealthCheckResponse.ServingStatus.SERVING)
                            .build());
                    answer.onCompleted();
                  }
                })
            .build()
            .start();
    try (HealthProbe probe = new HealthProbe("localhost:" + slow.getPort())) {
      assertThat(probe.check(DEADLINE, PATIENCE, slow.getPort()))
          .startsWith("SERVING (slow: answered in ");
    } finally {
      slow.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void anOpenPortThatNeverAnswersIsNoAnswer() throws Exception {
    // The kernel accepts connections to a listening socket nobody reads: like a paused process.
    try (ServerSocket silent = new ServerSocket(0);
        HealthProbe probe = new HealthProbe("localhost:" + silent.getLocalPort())) {
      assertThat(probe.check(DEADLINE, Duration.ofMillis(500), silent.getLocalPort()))
          .startsWith(HealthProbe.NO_ANSWER)
          .endsWith("(port open)");
    }
  }

  @Test
  void aClosedPortIsUnreachable() {
    int closed = FreePorts.next();
    try (HealthProbe probe = new HealthProbe("localhost:" + closed)) {
      assertThat(probe.check(DEADLINE, PATIENCE, closed)).isEqualTo(HealthProbe.UNREACHABLE);
    }
  }
}
