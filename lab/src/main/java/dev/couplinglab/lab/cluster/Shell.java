package dev.couplinglab.lab.cluster;

import dev.couplinglab.lab.LabException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short external command (docker, iptables, kill) and returns its exit code and output. */
public final class Shell {

  private final Path workDir;
  private final Duration bound;

  public Shell(Path workDir, Duration bound) {
    this.workDir = workDir;
    this.bound = bound;
  }

  /** What a command printed, and how it ended. */
  public record Result(int exitCode, String out, String err) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The first non-blank line of stderr (else stdout): what a person needs to see. */
    public String why() {
      for (String text : List.of(err, out)) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        if (!line.isEmpty()) {
          return line.strip();
        }
      }
      return "exit code " + exitCode;
    }
  }

  /** Runs {@code command}; a program that cannot be started at all is a {@link LabException}. */
  public Result run(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
    builder.redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw LabException.failure(
          "cannot run "
              + command.get(0)
              + ": "
              + e.getMessage().replaceFirst("^Cannot run.*?: ", ""));
    }
    try {
      process.getOutputStream().close();
      CompletableFuture<String> out =
          CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
      CompletableFuture<String> err =
          CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
      if (!process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw LabException.failure(
            String.join(" ", command) + " did not finish within " + bound.toSeconds() + " s");
      }
      return new Result(process.exitValue(), out.join(), err.join());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw LabException.failure("interrupted");
    }
  }

  /** Runs {@code command} and fails with one line naming it when it does not succeed. */
  public Result require(List<String> command) {
    Result result = run(command);
    if (!result.ok()) {
      throw LabException.failure(String.join(" ", command) + ": " + result.why());
    }
    return result;
  }

  private static String read(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
