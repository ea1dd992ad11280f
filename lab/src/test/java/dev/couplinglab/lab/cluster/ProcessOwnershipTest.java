package dev.couplinglab.lab.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ProcessOwnershipTest {

  private static final String MARKER = "-Dcouplinglab.run=/tmp/lab-run";

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopProcesses() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void refusesALiveProcessWithoutTheMarker() throws IOException {
    Process stranger = start("sleep", "60");

    assertThat(ProcessOwnership.owned(stranger.pid(), MARKER)).as("not ours").isEmpty();
    assertThat(ProcessOwnership.state(OptionalLong.of(stranger.pid()), MARKER))
        .as("a live process of another program")
        .isEqualTo(ProcessOwnership.State.FOREIGN);
  }

  @Test
  void acceptsALiveProcessStartedWithTheMarker() throws IOException {
    Process ours = start("sh", "-c", "sleep 60; :", MARKER);

    assertThat(ProcessOwnership.owned(ours.pid(), MARKER)).as("ours").isPresent();
    assertThat(ProcessOwnership.state(OptionalLong.of(ours.pid()), MARKER))
        .as("ours, alive")
        .isEqualTo(ProcessOwnership.State.OURS);
  }

  @Test
  void refusesAProcessOfAnotherRunFolderWhoseNameStartsTheSame() throws IOException {
    Process neighbour = start("sh", "-c", "sleep 60; :", MARKER + "-2");

    assertThat(ProcessOwnership.owned(neighbour.pid(), MARKER))
        .as("/tmp/lab-run-2 is not /tmp/lab-run")
        .isEmpty();
  }

  @Test
  void reportsAPidThatIsGoneAsDead() throws Exception {
    Process finished = start("true");
    finished.waitFor();

    assertThat(ProcessOwnership.state(OptionalLong.of(finished.pid()), MARKER))
        .as("exited")
        .isEqualTo(ProcessOwnership.State.DEAD);
    assertThat(ProcessOwnership.state(OptionalLong.empty(), MARKER))
        .as("no pid file")
        .isEqualTo(ProcessOwnership.State.NONE);
  }

  @Test
  void takesAKilledButUnreapedProcessForDead() throws Exception {
    Process ours = start("sh", "-c", "while :; do sleep 1; done", MARKER);
    // Killed but not waited for: a zombie, with a pid and no command line, until reaped.
    new ProcessBuilder("kill", "-9", Long.toString(ours.pid())).start().waitFor();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessOwnership.isZombie(ours.pid()) || !ours.isAlive());

    assertThat(ProcessOwnership.state(OptionalLong.of(ours.pid()), MARKER))
        .as("a killed process is dead, zombie or not")
        .isEqualTo(ProcessOwnership.State.DEAD);
  }

  private Process start(String... command) throws IOException {
    Process process = new ProcessBuilder(command).start();
    started.add(process);
    return process;
  }
}
