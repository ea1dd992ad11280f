package dev.couplinglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JfrProfileTest {

  @TempDir Path dir;

  @Test
  void countsSamplesByThreadAndByTheFirstNonJdkFrame() throws Exception {
    Path file = dir.resolve("busy.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
      recording.start();
      Thread busy = new Thread(JfrProfileTest::spin, "busy-worker-7");
      busy.start();
      busy.join();
      recording.stop();
      recording.dump(file);
    }

    JfrProfile.Summary summary = JfrProfile.summarize(file, Instant.MIN, Instant.MAX);

    assertThat(summary.samples()).as("samples of half a second of spinning").isPositive();
    assertThat(summary.threads())
        .as("thread names with numbers folded")
        .containsKey("busy-worker-N");
    // The spin's frames are ours (HashMap and Math underneath are the JDK's, so they count as
    // ours).
    assertThat(summary.parts().get("Coupling Lab code"))
        .as("samples in this class, of %s", summary.parts())
        .isPositive();
    assertThat(summary.parts().values().stream().mapToInt(Integer::intValue).sum())
        .as("every sample counted once")
        .isEqualTo(summary.samples());
  }

  private static void spin() {
    long end = System.nanoTime() + 500_000_000L;
    java.util.Map<Integer, Double> map = new java.util.HashMap<>();
    int i = 0;
    while (System.nanoTime() < end) {
      map.merge(i++ % 1024, Math.sqrt(i), Double::sum);
    }
  }
}
