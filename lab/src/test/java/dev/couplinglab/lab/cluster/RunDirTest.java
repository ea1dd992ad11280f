package dev.couplinglab.lab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunDirTest {

  @TempDir Path dir;

  @Test
  void laysOutTheRunFolder() {
    RunDir run = RunDir.of(dir.resolve("run/../run"));

    assertThat(run.root()).as("normalized absolute root").isEqualTo(dir.resolve("run"));
    assertThat(run.kafkaDir()).as("kafka").isEqualTo(dir.resolve("run/kafka"));
    assertThat(run.dataDir(Part.INVENTORY))
        .as("service data")
        .isEqualTo(dir.resolve("run/data/inventory-service"));
    assertThat(run.log(Part.ORDER)).as("log").isEqualTo(dir.resolve("run/logs/order-service.log"));
    assertThat(run.pidFile(Part.KAFKA)).as("pid").isEqualTo(dir.resolve("run/pids/kafka.pid"));
    assertThat(run.marker())
        .as("marker names the absolute run folder")
        .isEqualTo("-Dcouplinglab.run=" + dir.resolve("run"));
  }

  @Test
  void writesReadsAndDeletesPidFiles() throws IOException {
    RunDir run = RunDir.of(dir);
    run.writePid(Part.ORDER, 4242);

    assertThat(run.readPid(Part.ORDER)).as("pid back").hasValue(4242);
    Files.writeString(run.pidFile(Part.KAFKA), "not a pid");
    assertThat(run.readPid(Part.KAFKA)).as("garbage is no pid").isEmpty();
    run.deletePid(Part.ORDER);
    assertThat(run.readPid(Part.ORDER)).as("deleted").isEmpty();
  }

  @Test
  void remembersThePortsInClusterProperties() {
    RunDir run = RunDir.of(dir);
    assertThat(run.readPorts()).as("nothing started yet").isEmpty();

    run.createDirs();
    run.writeCluster(new Ports(1, 2, 3, 4, 5), Instant.parse("2026-11-27T07:00:00Z"));

    assertThat(run.readPorts()).as("ports back").hasValue(new Ports(1, 2, 3, 4, 5));
  }

  @Test
  void deletingDataKeepsTheLogs() throws IOException {
    RunDir run = RunDir.of(dir);
    run.createDirs();
    Files.writeString(run.dataDir(Part.ORDER).resolve("order.db"), "x");
    Files.createDirectories(run.kafkaDir().resolve("data/orders-0"));
    Files.writeString(run.log(Part.ORDER), "a line\n");

    run.deleteData();

    assertThat(run.kafkaDir()).as("Kafka data gone").doesNotExist();
    assertThat(run.dataRoot()).as("databases gone").doesNotExist();
    assertThat(run.log(Part.ORDER)).as("logs kept").exists();
  }
}
