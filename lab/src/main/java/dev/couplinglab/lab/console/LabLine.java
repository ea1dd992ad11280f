package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.Progress;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.target.Target;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a lab command line inside the console's JVM, as {@code bin/lab} would run it, and keeps what
 * it printed. Every button of the page that changes the cluster is one such line, so the page can
 * do exactly what the command line does, checked by the same options and saying the same one-line
 * errors; the page shows the line, so a user learns the command too.
 *
 * <p>One line that changes the cluster runs at a time: two clicks never race on the fault state
 * file.
 */
final class LabLine {

  /** What one command line ended with. */
  record Result(String line, int exitCode, String output, String errors) {

    boolean ok() {
      return exitCode == 0;
    }

    /** The one line a page shows: the error when it failed, else the last line printed. */
    String summary() {
      String text = ok() ? output : errors.isBlank() ? output : errors;
      List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
      if (lines.isEmpty()) {
        return ok() ? "done" : "failed (exit " + exitCode + ")";
      }
      return ok() ? lines.get(lines.size() - 1) : lines.get(0);
    }
  }

  private final Map<String, String> env;
  private final Target target;

  LabLine(Map<String, String> env, Target target) {
    this.env = env;
    this.target = target;
  }

  Target target() {
    return target;
  }

  /**
   * Runs {@code lab --target <target> <args...>}, a line that changes the cluster, after any such
   * line still running; returns what it printed.
   */
  synchronized Result change(List<String> args) {
    return execute(args, Progress.Listener.none());
  }

  /** Runs {@code work} while no line that changes the cluster runs (it reads the fault state). */
  synchronized void serialized(Runnable work) {
    work.run();
  }

  /** Runs a line that only reads (status, logs, trace), not waiting for a change. */
  Result read(List<String> args) {
    return execute(args, Progress.Listener.none());
  }

  /**
   * Runs an experiment line, telling {@code progress} how it goes. It does not hold up the page's
   * other buttons: a fault clicked during a scenario is the user's to click.
   */
  Result experiment(List<String> args, Progress.Listener progress) {
    return execute(args, progress);
  }

  private Result execute(List<String> args, Progress.Listener progress) {
    List<String> line = new ArrayList<>(List.of("--target", target.label()));
    line.addAll(args);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Lab.run(
            line.toArray(String[]::new),
            env,
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            progress);
    return new Result("lab " + String.join(" ", line), code, out.toString(), err.toString());
  }
}
