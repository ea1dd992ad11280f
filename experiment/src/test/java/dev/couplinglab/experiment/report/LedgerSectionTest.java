package dev.couplinglab.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.ledger.LedgerResult;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerSectionTest {

  @Test
  void namesEachKindOfFindingOnceWithACountAndAFewOrderIds() {
    List<String> neverFinal = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      neverFinal.add("async-" + i + " (async, accepted, still PENDING)");
    }
    neverFinal.add("sync-3 (sync, accepted but not stored: lost)");
    LedgerResult l =
        new LedgerResult(
            neverFinal,
            0,
            0,
            0,
            "",
            List.of("sync-7 (sync, CONFIRMED, Notify failed)"),
            List.of(),
            0,
            0);
    StringBuilder md = new StringBuilder();

    LedgerSection.render(md, l);

    assertThat(md.toString())
        .contains("Accepted but never final (13):\n\n")
        .contains(
            "- async, accepted, still PENDING: 12 orders, e.g. `async-0`, `async-1`, `async-2`,"
                + " `async-3`, `async-4` and 7 more (all in data.json)\n")
        .contains("- sync, accepted but not stored: lost: 1 order, `sync-3`\n")
        .contains(
            "Notifications missing (1):\n\n- sync, CONFIRMED, Notify failed: 1 order, `sync-7`")
        .doesNotContain("async-5");
    assertThat(md.toString().split("still PENDING", -1)).as("the finding is named once").hasSize(2);
  }
}
