package dev.couplinglab.experiment.report;

import static dev.couplinglab.experiment.report.RunFixtures.cleanLedger;
import static dev.couplinglab.experiment.report.RunFixtures.failed;
import static dev.couplinglab.experiment.report.RunFixtures.ok;
import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.ExperimentResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartsTest {

  @Test
  void latencyChartHasAnErrorLinePerStyleUnderTheLatencyLines() throws Exception {
    Document doc = parse(Charts.latency(ReportFixtures.result(true)));

    List<Element> panel = byClass(doc, "g", "error-panel");
    assertThat(panel).as("one error panel").hasSize(1);
    assertThat(byClass(doc, "path", "errors"))
        .extracting(e -> e.getAttribute("data-style"))
        .as("an error line per style")
        .containsExactly("sync", "async");
  }

  @Test
  void aStyleWhoseEveryOrderFailedStillShowsInTheErrorPanel() throws Exception {
    ExperimentResult r =
        RunFixtures.run(
            VerdictTest.INVENTORY_DOWN,
            3,
            6,
            (s, i, t) -> failed(s, i, t, "UNAVAILABLE", 5),
            (s, i, t) -> ok(s, i, t, 30),
            cleanLedger());
    Document doc = parse(Charts.latency(r));

    assertThat(byClass(doc, "path", "series"))
        .extracting(e -> e.getTextContent())
        .as("no sync latency line: no sync order was answered")
        .doesNotContain("sync answer (= outcome) p99");
    Element syncErrors =
        byClass(doc, "path", "errors").stream()
            .filter(e -> e.getAttribute("data-style").equals("sync"))
            .findFirst()
            .orElseThrow();
    assertThat(syncErrors.getAttribute("d"))
        .as("at 100%, the top of the error panel (y = 50 + 290 + 30)")
        .contains(" 370.0");
  }

  @Test
  void eachLineHasItsOwnColourAndDashAtFullOpacity() throws Exception {
    Document doc = parse(Charts.latency(ReportFixtures.result(true)));

    List<Element> lines = byClass(doc, "path", "series");
    assertThat(lines).hasSize(3);
    assertThat(lines).extracting(e -> e.getAttribute("stroke")).doesNotHaveDuplicates();
    assertThat(lines)
        .extracting(e -> e.getAttribute("stroke-dasharray"))
        .as("solid, dashed, dotted")
        .doesNotHaveDuplicates();
    assertThat(lines)
        .extracting(e -> e.getAttribute("stroke-opacity") + e.getAttribute("opacity"))
        .as("no transparency")
        .containsOnly("");
    assertThat(byClass(doc, "rect", "fault-window")).as("fault still shaded").hasSize(1);
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  static List<Element> byClass(Document doc, String tag, String cls) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("class").equals(cls)) {
        out.add(e);
      }
    }
    return out;
  }
}
