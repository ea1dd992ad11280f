package dev.couplinglab.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.trace.Traces;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class TraceTimelineSvgTest {

  @Test
  void bothLanesOnOneAxisWellFormedWithTheWaitsHatched() throws Exception {
    String svg =
        TraceTimelineSvg.render(
            "a typical order of each style",
            List.of(
                new TraceTimelineSvg.Lane("sync o-sync", Palette.SYNC, Traces.sync()),
                new TraceTimelineSvg.Lane("async o-async", Palette.ASYNC, Traces.async())));

    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(svg).contains("sync o-sync", "async o-async", "client answered at 12.0 ms");
    assertThat(svg)
        .contains("client answered at 2.00 ms", "url(#wait)", Palette.SYNC, Palette.ASYNC);
  }

  @Test
  void aGrpcSpanIsLabelledWithoutItsPackage() {
    assertThat(TraceTimelineSvg.label("couplinglab.v1.InventoryService/Reserve"))
        .isEqualTo("InventoryService/Reserve");
    assertThat(TraceTimelineSvg.label("Reserve")).isEqualTo("Reserve");
    assertThat(TraceTimelineSvg.label("outbox wait orders")).isEqualTo("outbox wait orders");
  }
}
