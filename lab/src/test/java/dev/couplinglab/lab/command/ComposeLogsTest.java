package dev.couplinglab.lab.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ComposeLogsTest {

  @Test
  void stripsTheControlSequencesDockerWritesBeforeLogLines() {
    assertThat(ComposeLogs.clean("\u001B[2K2026-11-27T08:15:16.071Z INFO  inventory-service x\r"))
        .isEqualTo("2026-11-27T08:15:16.071Z INFO  inventory-service x");
  }
}
