package dev.couplinglab.experiment.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.ResilienceCounters;
import dev.couplinglab.experiment.Warmup;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {

  @TempDir Path dir;

  @Test
  void summaryAnswersTheFiveDifferencesWithTheRunsNumbers() {
    String md = MarkdownReport.render(ReportFixtures.result(true));

    assertThat(md)
        .contains("**Timing.** A sync client waited p50 20.0 ms")
        .contains("an async client waited p50 4.00 ms / p99 4.00 ms for the acceptance")
        .contains("while the outcome took p50 34.0 ms")
        .contains("**Resource use.** Peak PlaceOrder calls in flight during the fault: sync 1")
        .contains("Peak async consumer lag: n/a (not measured in this run).")
        .contains("completed afterwards (the backlog): 0.")
        .contains("30 of 100 learned only an error (UNAVAILABLE 30) and not the outcome.")
        .contains("learned the outcome via WatchOrder after p50 34.0 ms")
        .contains("0 retries")
        .contains("30 sync order(s) ended FAILED")
        .contains("through them 100 async order(s) reached an outcome")
        .contains(
            "**Suitability.** async served this scenario better (rule R2): 30.0% of sync calls"
                + " failed against 0.0% of async calls.")
        .contains("R1 correctness:");
  }

  @Test
  void statesTheRateTheCapacityItIsAShareOfAndTheMachineNearTheTop() {
    String md = MarkdownReport.render(ReportFixtures.result(true));

    assertThat(md)
        .as("one paragraph before the run line")
        .contains(
            "**Rate.** 10 orders/s per style, 33% of the capacity measured on this target,"
                + " 30 orders/s per style; asked as 33.3% from the experiment file."
                + " Capacity: run/capacity.json, local cluster, calibrated 2026-11-27T07:00:00Z."
                + " Machine: Test CPU, 2 cores @ 2600 MHz.\n\nRun `r1`");
    assertThat(md.indexOf("**Rate.**"))
        .as("above the summary")
        .isLessThan(md.indexOf("## Summary"));
  }

  @Test
  void tablesShowEachStyleSideBySide() {
    String md = MarkdownReport.render(ReportFixtures.result(true));

    assertThat(md)
        .contains("| | sync | async |\n| --- | --- | --- |")
        .contains("| sent | 100 | 100 |")
        .contains("| accepted (PlaceOrder answered) | 70 | 100 |")
        .contains("| errors, by status | 30 (UNAVAILABLE 30) | 0 (none) |")
        .contains("| errors during a fault window | 30 | 0 |")
        .contains("| time to recover | 20 ms | 500 ms |")
        .contains("| accepted but outcome never seen | 0 | 0 |")
        .contains("Clean: every count is 0.")
        .contains(
            "Stock: reserved went from 1000 to 1170 (+170); confirmed orders of this run hold 170.")
        .contains(
            "| kill inventory-service for 3s | 3s to 6s | 3.0 s | 3.0 s | 6.0 s | 6.0 s | SIGKILL pid 42 |")
        .contains(
            "deadline 2s, max_attempts 1, circuit_breaker false, bulkhead off: applied before the load")
        .contains("![p99 latency per second](latency.svg)")
        .contains("## What the network did")
        .contains("kill inventory-service for 3s: sync errors for orders due in the window:")
        .contains("Mostly UNAVAILABLE, at once");
  }

  @Test
  void ledgerSaysHowManyRepairsRanAndHowLongTheLongestTook() {
    ExperimentResult r = ReportFixtures.result(true);
    ExperimentResult repaired =
        new ExperimentResult(
            r.experiment(),
            r.runId(),
            r.startedAt(),
            r.finishedAt(),
            r.styles(),
            r.windows(),
            r.skippedSteps(),
            r.ledger(),
            r.resilienceNote(),
            Optional.of(new ResilienceCounters(0, 0, 0, 12, 12, 0, 31_500)),
            r.peakLag(),
            r.expectations(),
            r.orders(),
            r.rateBasis(),
            Warmup.none());

    String md = MarkdownReport.render(repaired);

    assertThat(md)
        .as("the repair line under the ledger")
        .contains(
            "Repair durable: 12 repairs recorded, 12 done, 0 still pending; the longest took 31500"
                + " ms");
    assertThat(md.indexOf("Repair durable:"))
        .as("after the ledger, before the settings")
        .isGreaterThan(md.indexOf("## Correctness ledger"))
        .isLessThan(md.indexOf("## Resilience settings"));
  }

  @Test
  void marksEachExpectationPassOrFail() {
    String passing = MarkdownReport.render(ReportFixtures.result(true));
    String failing = MarkdownReport.render(ReportFixtures.result(false));

    assertThat(passing)
        .contains("Expectations: **PASS**")
        .contains(
            "| sync_errors_during_fault | true | 30 sync error(s) during fault windows | **PASS** |")
        .contains("| async_accept_errors | at most 0 | 0 async PlaceOrder error(s) | **PASS** |")
        .contains("| ledger_clean | true | ledger clean | **PASS** |");
    assertThat(failing)
        .contains("Expectations: **FAIL**")
        .contains(
            "| sync_errors_during_fault | false | 30 sync error(s) during fault windows | **FAIL** |");
  }

  @Test
  void chartsAreWellFormedSvgWithTheFaultWindowShaded() throws Exception {
    ExperimentResult r = ReportFixtures.result(true);
    for (String svg : List.of(Charts.latency(r), Charts.throughput(r))) {
      Document doc = parse(svg);

      assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
      assertThat(doc.getDocumentElement().getNamespaceURI())
          .isEqualTo("http://www.w3.org/2000/svg");
      Element band = byClass(doc, "rect", "fault-window").get(0);
      assertThat(band.getAttribute("x"))
          .as("3 s of 10 s on an 800 px plot from x=80")
          .isEqualTo("320.0");
      assertThat(band.getAttribute("width")).as("3 s wide").isEqualTo("240.0");
      assertThat(band.getTextContent()).isEqualTo("kill inventory-service");
      assertThat(byClass(doc, "path", "series"))
          .as("a line per series")
          .hasSizeGreaterThanOrEqualTo(3);
      assertThat(svg)
          .contains(">seconds since the load started</text>")
          .contains(">fault window</text>");
    }
    assertThat(Charts.latency(r))
        .contains("(log scale)")
        .contains(">sync answer (= outcome) p99</text>");
  }

  @Test
  void writesTheWholeReportFolder() throws Exception {
    ReportWriter.write(ReportFixtures.result(true), dir);

    assertThat(dir.resolve("report.md")).exists();
    parse(Files.readString(dir.resolve("latency.svg")));
    parse(Files.readString(dir.resolve("throughput.svg")));
    List<String> csv = Files.readAllLines(dir.resolve("timeseries.csv"));
    assertThat(csv.get(0)).isEqualTo(TimeseriesCsv.HEADER);
    assertThat(csv).as("header + 10 seconds x 2 styles").hasSize(21);
    assertThat(csv.get(4))
        .as("sync, second 3, in the fault")
        .startsWith("3,sync,10,0,10,")
        .endsWith(",true");
    assertThat(csv.get(1)).endsWith(",false");
    String json = Files.readString(dir.resolve("data.json"));
    assertThat(json)
        .contains("\"name\": \"inventory-down\"")
        .contains("\"errorsByStatus\": {\n        \"UNAVAILABLE\": 30\n      }")
        .contains("\"id\": \"sync-30\"")
        .contains("\"clean\": true")
        .contains("\"peakConsumerLag\": null")
        .contains("\"ratePerStyle\": 10.0")
        .contains("\"capacityPerStyle\": 30.0")
        .contains("\"machine\": \"Test CPU, 2 cores @ 2600 MHz\"");
  }

  private static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> byClass(Document doc, String tag, String cls) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new java.util.ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("class").equals(cls)) {
        out.add(e);
      }
    }
    return out;
  }
}
