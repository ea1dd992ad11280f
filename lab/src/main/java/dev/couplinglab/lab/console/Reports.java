package dev.couplinglab.lab.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The reports of the target's folder, for the page: the list, newest first, and one report's
 * Markdown as HTML (its SVGs load from the same folder). Only names of the folder's own runs and
 * files are served: a name with a slash or {@code ..} is refused.
 */
final class Reports {

  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,120}";

  private final Path dir;
  private final Parser parser;
  private final HtmlRenderer renderer;

  Reports(Path dir) {
    this.dir = dir;
    var tables = List.of(TablesExtension.create());
    this.parser = Parser.builder().extensions(tables).build();
    // Reports carry text from the cluster (fault lines, errors): no raw HTML of theirs is kept.
    this.renderer = HtmlRenderer.builder().extensions(tables).escapeHtml(true).build();
  }

  /** Each report folder with a report.md: name and when it was written, newest first. */
  List<Map<String, Object>> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Map<String, Object>> out = new ArrayList<>();
    try (Stream<Path> runs = Files.list(dir)) {
      for (Path run :
          runs.filter(r -> Files.isRegularFile(r.resolve("report.md")))
              .sorted(Comparator.comparing(Path::getFileName).reversed())
              .toList()) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", run.getFileName().toString());
        entry.put("modified", Files.getLastModifiedTime(run.resolve("report.md")).toMillis());
        out.add(entry);
      }
    } catch (IOException e) {
      return List.of();
    }
    return out;
  }

  /** A report's Markdown as HTML, or empty when there is no such report. */
  Optional<String> html(String run) throws IOException {
    Optional<Path> file = file(run, "report.md");
    if (file.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(renderer.render(parser.parse(Files.readString(file.get()))));
  }

  /** A file of a report folder, when both names are plain names and the file exists. */
  Optional<Path> file(String run, String name) {
    if (run == null || name == null || !run.matches(NAME) || !name.matches(NAME)) {
      return Optional.empty();
    }
    if (run.contains("..") || name.contains("..")) {
      return Optional.empty();
    }
    Path file = dir.resolve(run).resolve(name).normalize();
    return file.startsWith(dir.normalize()) && Files.isRegularFile(file)
        ? Optional.of(file)
        : Optional.empty();
  }
}
