package dev.couplinglab.lab.cluster;

import dev.couplinglab.experiment.launch.Part;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Decides whether a pid from a pid file is still one of our processes: alive, and started with the
 * run folder's marker option. A pid file can outlive its process and the pid can be reused by any
 * other program; those are never ours.
 */
public final class ProcessOwnership {

  private ProcessOwnership() {}

  /** What a pid file points at. */
  public enum State {
    /** No pid file. */
    NONE,
    /** The pid is not running any more. */
    DEAD,
    /** The pid runs a process that was not started for this run folder. */
    FOREIGN,
    /** Our process, alive. */
    OURS
  }

  /** The process behind {@code pid}, when it is alive and carries {@code marker}. */
  public static Optional<ProcessHandle> owned(long pid, String marker) {
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(h -> !isZombie(pid))
        .filter(h -> isOurs(h, marker));
  }

  public static State state(OptionalLong pid, String marker) {
    if (pid.isEmpty()) {
      return State.NONE;
    }
    Optional<ProcessHandle> handle = ProcessHandle.of(pid.getAsLong());
    if (handle.isEmpty() || !handle.get().isAlive() || isZombie(pid.getAsLong())) {
      return State.DEAD;
    }
    return isOurs(handle.get(), marker) ? State.OURS : State.FOREIGN;
  }

  /** The live processes of the cluster in {@code runDir}, by part. */
  public static Map<Part, ProcessHandle> running(RunDir runDir) {
    Map<Part, ProcessHandle> running = new EnumMap<>(Part.class);
    for (Part part : Part.values()) {
      OptionalLong pid = runDir.readPid(part);
      if (pid.isPresent()) {
        owned(pid.getAsLong(), runDir.marker()).ifPresent(h -> running.put(part, h));
      }
    }
    return running;
  }

  /** Whether {@code pid} is stopped by a signal (SIGSTOP): state T in /proc. Linux only. */
  public static boolean isStopped(long pid) {
    return procState(pid) == 'T' || procState(pid) == 't';
  }

  /**
   * A killed process whose parent has not reaped it yet still has a pid, but no command line: it
   * has ended. Linux only; elsewhere nothing is taken for a zombie.
   */
  static boolean isZombie(long pid) {
    return procState(pid) == 'Z';
  }

  /** The state letter of /proc/<pid>/stat, or a blank when it cannot be read. */
  private static char procState(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      int end = stat.lastIndexOf(')');
      return end > 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : ' ';
    } catch (IOException | RuntimeException e) {
      return ' ';
    }
  }

  static boolean isOurs(ProcessHandle process, String marker) {
    ProcessHandle.Info info = process.info();
    Optional<String[]> arguments = info.arguments();
    if (arguments.isPresent()) {
      return Arrays.asList(arguments.get()).contains(marker);
    }
    // Without the argument vector, look for the marker as a whole word of the command line.
    return info.commandLine()
        .map(line -> (" " + line + " ").contains(" " + marker + " "))
        .orElse(false);
  }
}
