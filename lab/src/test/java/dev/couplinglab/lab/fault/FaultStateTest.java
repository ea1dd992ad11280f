package dev.couplinglab.lab.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultStateTest {

  @TempDir Path dir;

  private static final Instant T1 = Instant.parse("2026-11-27T08:12:03Z");
  private static final Instant T2 = Instant.parse("2026-11-27T08:13:00Z");

  @Test
  void keepsFaultsAcrossLoadsOldestFirst() {
    Path file = dir.resolve("run/faults.properties");
    FaultState.load(file)
        .add(new Fault("kafka-2", FaultKind.KILLED, T2, "c2"))
        .add(new Fault("inventory-service", FaultKind.PAUSED, T1, "1234"))
        .save();

    assertThat(FaultState.load(file).all())
        .as("both faults, oldest first, with detail")
        .containsExactly(
            new Fault("inventory-service", FaultKind.PAUSED, T1, "1234"),
            new Fault("kafka-2", FaultKind.KILLED, T2, "c2"));
  }

  @Test
  void replacesAFaultOfTheSamePartAndKindAndRemovesByKind() {
    Path file = dir.resolve("faults.properties");
    FaultState state =
        FaultState.load(file)
            .add(new Fault("order-service", FaultKind.PAUSED, T1, "1"))
            .add(new Fault("order-service", FaultKind.PAUSED, T2, "2"))
            .add(new Fault("order-service", FaultKind.PARTITIONED, T1, "15051"));

    state.remove("order-service", FaultKind.PAUSED, FaultKind.KILLED).save();

    assertThat(FaultState.load(file).all())
        .as("only the partition is left")
        .containsExactly(new Fault("order-service", FaultKind.PARTITIONED, T1, "15051"));
  }

  @Test
  void deletesTheFileWhenNoFaultIsLeftAndSkipsEntriesItCannotRead() throws IOException {
    Path file = dir.resolve("faults.properties");
    FaultState.load(file).add(new Fault("kafka", FaultKind.STOPPED, T1, "9")).save();
    FaultState.load(file).remove("kafka", FaultKind.STOPPED).save();
    assertThat(file).as("no faults, no file").doesNotExist();

    Files.writeString(
        file,
        "kafka.melted.since=2026-11-27T08:12:03Z\nkafka.killed.since=yesterday\n"
            + "kafka.paused.since=2026-11-27T08:12:03Z\n");
    assertThat(FaultState.load(file).all())
        .as("only the readable entry, with an empty detail")
        .containsExactly(new Fault("kafka", FaultKind.PAUSED, T1, ""));
  }
}
