package dev.couplinglab.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.RunStyle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverloadRowsTest {

  private static final long MS = 1_000_000;

  /** An order meant for {@code atMs}, answered {@code tookMs} later with {@code error} or OK. */
  private static OrderRecord order(int seq, long atMs, long tookMs, String error) {
    return OrderRecord.of(
        RunStyle.SYNC,
        seq,
        atMs * MS,
        atMs * MS,
        (atMs + tookMs) * MS,
        error,
        error == null ? OrderState.CONFIRMED : null,
        -1,
        null);
  }

  @Test
  void countsEachOutcomeAndLeavesClientRefusalsOutOfTheAnswerLatencies() {
    List<OrderRecord> records =
        List.of(
            order(0, 0, 5, null),
            order(1, 10, 1200, "RESOURCE_EXHAUSTED"),
            order(2, 20, 2000, "DEADLINE_EXCEEDED"),
            order(3, 30, 0, "CLIENT_OVERLOADED"));

    OverloadRun.StyleRow row = OverloadRun.row(RunStyle.SYNC, records, 3);

    assertThat(row.orders()).isEqualTo(4);
    assertThat(List.of(row.ok(), row.exhausted(), row.deadlineExceeded(), row.other()))
        .as("OK, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, other")
        .containsExactly(1L, 1L, 1L, 1L);
    assertThat(row.share(row.ok())).isEqualTo(25.0);
    assertThat(row.answers().count()).as("three server answers").isEqualTo(3);
    assertThat(row.okAnswers().count()).isEqualTo(1);
  }

  @Test
  void recoversAtTheFirstSliceFromWhichEveryLaterOneIsNormal() {
    List<OrderRecord> records = new ArrayList<>();
    int seq = 0;
    records.add(order(seq++, 100, 900, null)); // slice 0: slow
    records.add(order(seq++, 1100, 5, "RESOURCE_EXHAUSTED")); // slice 1: an error
    for (long at = 2000; at < 5000; at += 100) {
      records.add(order(seq++, at, 5, null)); // slices 2-4: normal
    }

    assertThat(Recovery.seconds(records, Duration.ofSeconds(5), 50_000))
        .as("from the drop until every later slice is normal")
        .isEqualTo(2.0);
    records.add(order(seq, 4900, 500, null));
    assertThat(Recovery.seconds(records, Duration.ofSeconds(5), 50_000))
        .as("the last slice slow: not recovered in the window")
        .isNaN();
  }
}
