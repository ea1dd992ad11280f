package dev.couplinglab.experiment.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WaterfallTest {

  @Test
  void oneRowPerSpanWithOffsetDurationAndTheAnswerMarked() {
    String text = Waterfall.render(Traces.sync());
    List<String> lines = text.lines().toList();

    assertThat(lines.get(0))
        .contains("sync-trace", "sync order o-sync", "12.00 ms in all", "answer at 12.00 ms");
    assertThat(lines)
        .anySatisfy(
            l -> assertThat(l).contains("1.50 ms", "4.00 ms", "inventory-service", "Reserve"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("client answered ^"));
    assertThat(text).contains("= caller waits on the next hop", "~ event waits in the outbox");
  }

  @Test
  void theWholeTraceFillsTheBarOfTheRoot() {
    String root =
        Waterfall.render(Traces.sync())
            .lines()
            .filter(l -> l.contains("PlaceOrder"))
            .findFirst()
            .orElseThrow();

    assertThat(root).contains("|" + "#".repeat(40) + "|");
  }

  @Test
  void compareDrawsBothOnTheLongerAxis() {
    String text = Waterfall.compare(Traces.sync(), Traces.async());

    assertThat(text).startsWith("Both chains on one time axis, 0 to 20.00 ms");
    assertThat(text).contains("sync order o-sync", "async order o-async");
    String syncRoot = text.lines().filter(l -> l.contains("PlaceOrder")).findFirst().orElseThrow();
    assertThat(syncRoot).as("12 of 20 ms: 24 of 40 columns").contains("|" + "#".repeat(24) + " ");
    String outbox = text.lines().filter(l -> l.contains("outbox wait")).findFirst().orElseThrow();
    assertThat(outbox).contains("~");
  }
}
