package dev.couplinglab.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.trace.Trace;
import dev.couplinglab.experiment.trace.TraceSource;
import dev.couplinglab.experiment.trace.Traces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture's run: inventory down from 3 s to 6 s, 10 orders/s per style. */
class TraceSectionTest {

  @TempDir Path dir;

  /** Every fifth order of each style traced, trace id "<style>-<seq>". */
  private static ExperimentResult tracedRun() {
    ExperimentResult r = ReportFixtures.result(true);
    for (OrderRecord o : r.orders()) {
      if (o.seq() % 5 == 0) {
        o.traced(o.style().text() + "-" + o.seq());
      }
    }
    return r;
  }

  @Test
  void picksEachStylesTypicalTracedOrderBeforeAndDuringTheFaultAndDrawsThem() throws Exception {
    Map<String, Trace> exported = new HashMap<>();
    TraceSource source =
        traceId -> {
          Trace t = traceId.startsWith("sync") ? Traces.sync() : Traces.async();
          exported.put(traceId, t);
          return Optional.of(t);
        };

    TraceSection section = TraceSection.build(tracedRun(), source);
    section.writeSvgs(dir);
    StringBuilder md = new StringBuilder();
    section.markdown(md);

    assertThat(dir.resolve(TraceSection.BEFORE_SVG)).isRegularFile();
    assertThat(dir.resolve(TraceSection.DURING_SVG)).isRegularFile();
    assertThat(Files.readString(dir.resolve(TraceSection.DURING_SVG))).contains("during the fault");
    assertThat(md.toString())
        .contains("## Two orders, traced")
        .contains("p50 of the 6 traced sync orders before the fault: 20.0 ms")
        .contains("p99 of the 6 traced sync orders during the fault: 5.00 ms")
        .contains("(trace-before.svg)", "(trace-during.svg)");
    assertThat(exported).as("one sync and one async order per picture").hasSize(4);
  }

  @Test
  void withoutSpansTheReportSaysSoAndDrawsNothing() throws Exception {
    TraceSection section = TraceSection.build(tracedRun(), TraceSource.NONE);
    section.writeSvgs(dir);
    StringBuilder md = new StringBuilder();
    section.markdown(md);

    assertThat(dir.resolve(TraceSection.BEFORE_SVG)).doesNotExist();
    assertThat(md.toString())
        .contains("no span of its trace was found")
        .contains("No trace to draw");
  }

  @Test
  void aRunWithNoTracedOrderSaysSo() {
    StringBuilder md = new StringBuilder();
    TraceSection.build(ReportFixtures.result(true), TraceSource.NONE).markdown(md);

    assertThat(md.toString()).contains("before the fault: no traced order finished or failed.");
  }
}
