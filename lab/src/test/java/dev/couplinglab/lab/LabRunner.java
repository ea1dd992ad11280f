package dev.couplinglab.lab;

import dev.couplinglab.kafka.FreePorts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

/** Runs the lab in-process with a given environment and captures what it prints. */
public final class LabRunner {

  public record Result(int exitCode, String out, String err) {
    public List<String> outLines() {
      return out.lines().toList();
    }

    public List<String> errLines() {
      return err.lines().toList();
    }
  }

  private LabRunner() {}

  public static Result run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Lab.run(args, env, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(code, out.toString(), err.toString());
  }

  /** A free port outside the ephemeral range (see {@link FreePorts}). */
  public static int freePort() {
    return FreePorts.next();
  }
}
