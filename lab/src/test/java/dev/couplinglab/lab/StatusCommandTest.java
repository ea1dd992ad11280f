package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.HealthNames;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lab status} on a local cluster shows each service's parts under it, from a real gRPC
 * health service over TCP (order-service's, with its Kafka side down); the other parts are not
 * running.
 */
class StatusCommandTest {

  @TempDir Path runDir;

  private final HealthStatusManager health = new HealthStatusManager();
  private Server order;

  @BeforeEach
  void startOrderHealth() throws Exception {
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(HealthNames.ORDER_API, ServingStatus.SERVING);
    health.setStatus(HealthNames.ORDER_RELAY, ServingStatus.NOT_SERVING);
    health.setStatus(HealthNames.ORDER_CONSUMER, ServingStatus.UNKNOWN);
    order =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(health.getHealthService())
            .build()
            .start();
  }

  @AfterEach
  void stop() throws Exception {
    order.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private LabRunner.Result status() {
    return LabRunner.run(
        Map.of(
            "LAB_RUN_DIR", runDir.toString(),
            "LAB_KAFKA_PORT", Integer.toString(LabRunner.freePort()),
            "LAB_ORDER_PORT", Integer.toString(order.getPort()),
            "LAB_INVENTORY_PORT", Integer.toString(LabRunner.freePort()),
            "LAB_NOTIFICATION_PORT", Integer.toString(LabRunner.freePort())),
        "status",
        "--target",
        "local");
  }

  @Test
  void showsEachPartOfAServiceUnderIt() {
    LabRunner.Result result = status();

    assertThat(result.exitCode()).as("exit code; " + result.err()).isZero();
    assertThat(result.out())
        .as("order-service SERVING, then its API, relay and consumer, each with its own health")
        .containsPattern(
            "(?m)^order-service\\s+-\\s+-\\s+SERVING\\s+localhost:\\d+.*\\R"
                + "  api\\s+SERVING\\R"
                + "  relay\\s+NOT_SERVING\\R"
                + "  consumer inventory\\s+UNKNOWN\\R");
  }

  @Test
  void showsNoPartsOfAServiceThatDoesNotAnswer() {
    LabRunner.Result result = status();

    assertThat(result.out())
        .as("inventory-service unreachable, and nothing said about its parts")
        .containsPattern("(?m)^inventory-service\\s+-\\s+-\\s+UNREACHABLE\\s.*\\R(?!  )");
  }

  @Test
  void saysWhenAServiceDoesNotReportAPart() {
    health.clearStatus(HealthNames.ORDER_CONSUMER);

    LabRunner.Result result = status();

    assertThat(result.out())
        .as("a part the service does not know")
        .containsPattern("(?m)^  consumer inventory\\s+NOT REPORTED$");
  }
}
