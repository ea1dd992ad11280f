package dev.couplinglab.experiment.report;

import dev.couplinglab.experiment.ExperimentResult;
import dev.couplinglab.experiment.trace.TraceSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the report folder: report.md, latency.svg, throughput.svg, data.json, timeseries.csv, and
 * trace-before.svg / trace-during.svg when the traced orders' spans can be read.
 */
public final class ReportWriter {

  public static final String REPORT = "report.md";
  public static final String LATENCY_SVG = "latency.svg";
  public static final String THROUGHPUT_SVG = "throughput.svg";
  public static final String DATA_JSON = "data.json";
  public static final String TIMESERIES_CSV = "timeseries.csv";

  private ReportWriter() {}

  public static void write(ExperimentResult result, Path dir) throws IOException {
    write(result, dir, TraceSource.NONE);
  }

  /** The report folder, with the traced orders' pictures drawn from {@code traces}. */
  public static void write(ExperimentResult result, Path dir, TraceSource traces)
      throws IOException {
    Files.createDirectories(dir);
    TraceSection section = TraceSection.build(result, traces);
    section.writeSvgs(dir);
    write(dir.resolve(REPORT), MarkdownReport.render(result, section));
    write(dir.resolve(LATENCY_SVG), Charts.latency(result));
    write(dir.resolve(THROUGHPUT_SVG), Charts.throughput(result));
    write(dir.resolve(DATA_JSON), DataJson.render(result));
    write(dir.resolve(TIMESERIES_CSV), TimeseriesCsv.render(result));
  }

  /** The report as Markdown, without writing anything. */
  public static String markdown(ExperimentResult result) {
    return MarkdownReport.render(result, TraceSection.build(result, TraceSource.NONE));
  }

  private static void write(Path file, String text) throws IOException {
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }
}
