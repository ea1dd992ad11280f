package dev.couplinglab.lab.command;

import dev.couplinglab.lab.Durations;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --for} option of the application faults that last (a mixin). */
final class Lasting {

  @Option(
      names = "--for",
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "then it expires (default: until cleared)")
  Duration value;
}
