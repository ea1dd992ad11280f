package dev.couplinglab.lab.experiments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.Progress;
import dev.couplinglab.experiment.model.RunStyle;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

  private static Progress at(long elapsed) {
    Map<RunStyle, Progress.StyleProgress> styles = new LinkedHashMap<>();
    styles.put(RunStyle.SYNC, new Progress.StyleProgress(6400, 12000, 3, 0));
    styles.put(RunStyle.ASYNC, new Progress.StyleProgress(6400, 12000, 1, 2));
    return new Progress(Progress.Phase.LOAD, elapsed, 60_000, styles, List.of());
  }

  @Test
  void showsElapsedShareAndEachStylesCounters() {
    assertThat(ProgressBar.line(at(32_000)))
        .isEqualTo("[#####.....] 32/60 s  sync 6400 sent 0 err  async 6400 sent 2 err");
  }

  @Test
  void printsALineEveryFiveSecondsWhenNotOnATerminal() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text, true), false);
    for (long ms = 0; ms <= 12_000; ms += 200) {
      bar.onProgress(at(ms));
    }
    bar.finish();

    assertThat(text.toString().lines().toList()).as("0, 5 and 10 s").hasSize(3);
    assertThat(text.toString()).as("no carriage returns in a log").doesNotContain("\r");
  }
}
