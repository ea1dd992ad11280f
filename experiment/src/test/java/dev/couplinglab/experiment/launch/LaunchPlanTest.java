package dev.couplinglab.experiment.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
            "-XX:ArchiveClassesAtExit=/tmp/run/cds/kafka.jsa",
            "-Xlog:cds*=off",
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
  void recordsAClassArchiveOnTheFirstStartAndMapsItOnLaterOnesUntilTheJarChanges(@TempDir Path home)
      throws Exception {
    Path jar = Part.ORDER.jar(home);
    Files.createDirectories(jar.getParent());
    Files.writeString(jar, "a jar");
    RunLayout run = new RunLayout(home.resolve("run"));
    LaunchPlan plan =
        new LaunchPlan(home, run, new Ports(29092, 29093, 25051, 25052, 25053), "java");
    Path archive = run.classArchive(Part.ORDER);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T10:00:00Z")));

    assertThat(plan.command(Part.ORDER))
        .as("no archive yet: record one at exit")
        .contains("-XX:ArchiveClassesAtExit=" + archive);

    Files.createDirectories(archive.getParent());
    Files.writeString(archive, "classes");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-01T10:05:00Z")));
    assertThat(plan.command(Part.ORDER))
        .as("recorded after the jar was built: map it")
        .contains("-XX:SharedArchiveFile=" + archive)
        .doesNotContain("-XX:ArchiveClassesAtExit=" + archive);

    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T11:00:00Z")));
    assertThat(plan.command(Part.ORDER))
        .as("the jar was rebuilt since: record it anew")
        .contains("-XX:ArchiveClassesAtExit=" + archive);
  }

  @Test
  void addsTheUsersFlagsAfterTheDefaultsAndLeavesArchivesOutWithoutSharing() {
    List<String> flags = new ArrayList<>(LaunchPlan.JVM_FLAGS);
    flags.addAll(List.of("-XX:TieredStopAtLevel=1", "-Xshare:off"));
    LaunchPlan plan =
        new LaunchPlan(
            Path.of("/repo"),
            run,
            new Ports(29092, 29093, 25051, 25052, 25053),
            "java",
            null,
            flags);

    assertThat(plan.command(Part.INVENTORY))
        .as("the JVM refuses to start when asked to record an archive without sharing")
        .containsSubsequence("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:off")
        .noneMatch(flag -> flag.contains("Archive"));
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
