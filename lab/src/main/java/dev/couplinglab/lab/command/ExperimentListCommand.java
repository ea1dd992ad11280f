package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.model.Experiment;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** The experiment files in {@code <LAB_HOME>/experiments}, with what each one teaches. */
@Command(
    mixinStandardHelpOptions = true,
    name = "list",
    description = "List the experiment files in <LAB_HOME>/experiments.")
final class ExperimentListCommand implements Callable<Integer> {

  @ParentCommand private ExperimentCommand parent;

  @Override
  public Integer call() throws IOException {
    LabContext lab = parent.context();
    Path dir = lab.home().resolve("experiments");
    if (!Files.isDirectory(dir)) {
      throw LabException.failure("no experiments folder at " + PathText.display(dir));
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files =
          listing.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
    }
    Table table = new Table("FILE", "DESCRIPTION");
    for (Path file : files) {
      String description;
      try {
        Experiment e = ExperimentParser.read(file);
        description = firstSentence(e.description());
      } catch (RuntimeException e) {
        description = "(cannot read: " + e.getMessage() + ")";
      }
      table.row(file.getFileName(), description);
    }
    table.print(lab.out());
    lab.out().println("Run one with: lab experiment run experiments/<file>");
    return 0;
  }

  static String firstSentence(String text) {
    if (text == null || text.isBlank()) {
      return "-";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    int end = flat.indexOf(". ");
    return end < 0 ? flat : flat.substring(0, end + 1);
  }
}
