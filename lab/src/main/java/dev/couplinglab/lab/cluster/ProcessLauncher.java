package dev.couplinglab.lab.cluster;

import dev.couplinglab.lab.LabException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a cluster process that outlives the lab command: output appended to its log file, stdin
 * from /dev/null, and (where {@code setsid} exists) its own session, so a Ctrl-C in the terminal
 * that ran {@code lab up} does not reach it.
 */
public final class ProcessLauncher {

  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final File NO_INPUT = new File("/dev/null");

  private ProcessLauncher() {}

  public static ProcessHandle launch(
      List<String> command, Map<String, String> env, Path workDir, Path logFile) {
    List<String> full = new ArrayList<>();
    // setsid execs the command in place (the child of a JVM is never a group leader): same pid.
    if (Files.isExecutable(SETSID)) {
      full.add(SETSID.toString());
    }
    full.addAll(command);
    ProcessBuilder builder =
        new ProcessBuilder(full)
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    if (NO_INPUT.exists()) {
      builder.redirectInput(ProcessBuilder.Redirect.from(NO_INPUT));
    }
    builder.environment().putAll(env);
    try {
      return builder.start().toHandle();
    } catch (IOException e) {
      throw LabException.failure("cannot start " + command.get(0) + ": " + e.getMessage());
    }
  }
}
