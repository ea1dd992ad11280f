package dev.couplinglab.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.testcontainers.containers.output.OutputFrame;

/**
 * Each container's output in its own file under {@code target/container-logs/}, not in the build's
 * output; when a test (or the cluster's start) fails, the last lines of every file are printed with
 * the failure, so a CI log shows what the containers said without carrying all of it.
 */
final class ContainerLogs
    implements TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {

  static final Path DIR = Path.of("target", "container-logs");
  private static final int TAIL_LINES = 80;

  /** A log consumer appending the container's lines to {@code target/container-logs/name.log}. */
  static Consumer<OutputFrame> to(String name) {
    Path file = DIR.resolve(name + ".log");
    try {
      Files.createDirectories(DIR);
      Writer writer =
          Files.newBufferedWriter(
              file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return frame -> write(writer, frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Writer writer, OutputFrame frame) {
    try {
      synchronized (writer) {
        if (frame.getType() == OutputFrame.OutputType.END) {
          writer.close();
          return;
        }
        writer.write(frame.getUtf8StringWithoutLineEnding());
        writer.write('\n');
        writer.flush();
      }
    } catch (IOException e) {
      // A closed writer (the container restarted): its later lines are not kept.
    }
  }

  @Override
  public void handleTestExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    printTails(context.getDisplayName());
    throw failure;
  }

  @Override
  public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable failure)
      throws Throwable {
    printTails("start of " + context.getDisplayName());
    throw failure;
  }

  private static void printTails(String what) {
    System.out.printf("%n=== %s failed: the last %d lines of each container%n", what, TAIL_LINES);
    if (!Files.isDirectory(DIR)) {
      System.out.println("(no container logs in " + DIR.toAbsolutePath() + ")");
      return;
    }
    try (Stream<Path> files = Files.list(DIR)) {
      for (Path file : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        System.out.printf("--- %s (%d lines)%n", file, lines.size());
        lines
            .subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
            .forEach(System.out::println);
      }
    } catch (IOException e) {
      System.out.println("(container logs unreadable: " + e.getMessage() + ")");
    }
  }
}
