package dev.couplinglab.experiment.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LaunchPlanTest {

  private final RunLayout run = new RunLayout(Path.of("/tmp/run"));
  private final LaunchPlan plan =
      new LaunchPlan(Path.of("/repo"), run, new Ports(29092, 29093, 25051, 25052, 25053), "java");

  @Test
  void startsKafkaWithItsFolderAndPortsAsArguments() {
    assertThat(plan.command(Part.KAFKA))
        .as("LocalKafkaMain <data-dir> <port> <controller-port>, marked with the run folder")
        .containsExactly(
            "java",
            "-Xms32m",
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-Dcouplinglab.run=/tmp/run",
            "-jar",
            "/repo/local-kafka/target/local-kafka.jar",
            "/tmp/run/kafka",
            "29092",
            "29093");
    assertThat(plan.env(Part.KAFKA)).as("Kafka takes no variables").isEmpty();
  }

  @Test
  void pointsOrderServiceAtItsPeersAndKafka() {
    assertThat(plan.command(Part.ORDER))
        .as("service jar, marked")
        .contains("-Dcouplinglab.run=/tmp/run")
        .endsWith("-jar", "/repo/order-service/target/order-service.jar");
    assertThat(plan.env(Part.ORDER))
        .as("order-service env")
        .containsEntry("GRPC_PORT", "25051")
        .containsEntry("DATA_DIR", "/tmp/run/data/order-service")
        .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "localhost:29092")
        .containsEntry("INVENTORY_TARGET", "localhost:25052")
        .containsEntry("NOTIFICATION_TARGET", "localhost:25053")
        .containsEntry("LOG_FORMAT", "text");
  }

  @Test
  void givesEachServiceItsOwnPortAndDataFolder() {
    assertThat(plan.env(Part.NOTIFICATION))
        .as("notification-service env")
        .containsEntry("GRPC_PORT", "25053")
        .containsEntry("DATA_DIR", "/tmp/run/data/notification-service")
        .doesNotContainKey("INVENTORY_TARGET");
  }

  @Test
  void givesTheTokenToEveryServiceButNotToKafka() {
    LaunchPlan plan =
        new LaunchPlan(
            Path.of("/repo"), run, new Ports(29092, 29093, 25051, 25052, 25053), "java", "t0k");

    for (Part service : Part.SERVICES) {
      assertThat(plan.env(service)).as(service + " env").containsEntry("ADMIN_TOKEN", "t0k");
    }
    assertThat(plan.env(Part.KAFKA)).as("kafka env").isEmpty();
    assertThat(String.join(" ", plan.command(Part.ORDER)))
        .as("never on a command line (ps shows those)")
        .doesNotContain("t0k");
  }
}
