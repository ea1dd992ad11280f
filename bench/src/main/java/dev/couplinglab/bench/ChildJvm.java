package dev.couplinglab.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One child JVM the benchmark started, with extra environment variables, output appended to a log
 * file. Only this class ends it, by its own pid.
 */
final class ChildJvm implements AutoCloseable {

  private static final long STOP_BOUND_SECONDS = 20;

  private final String name;
  private final Process process;
  private final long startedNanos;

  private ChildJvm(String name, Process process, long startedNanos) {
    this.name = name;
    this.process = process;
    this.startedNanos = startedNanos;
  }

  /** Starts {@code command} (java and its arguments) in {@code workDir}. */
  static ChildJvm start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path log) {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().putAll(env);
    try {
      long started = System.nanoTime();
      return new ChildJvm(name, builder.start(), started);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  String name() {
    return name;
  }

  long pid() {
    return process.pid();
  }

  long startedNanos() {
    return startedNanos;
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Resident memory in bytes now, from /proc/<pid>/status. */
  long rssBytes() {
    return Memory.rssBytes(pid());
  }

  /** Sends SIGTERM and returns at once. */
  void terminate() {
    process.destroy();
  }

  /** SIGTERM (the services close gracefully), then SIGKILL if it is still alive after a bound. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_BOUND_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
