package dev.couplinglab.lab;

import java.nio.file.Path;

/** Shows paths in the lab's messages as a person would type them. */
public final class PathText {

  private PathText() {}

  /** A path as a person would type it: relative when under the current folder. */
  public static String display(Path path) {
    Path cwd = Path.of("").toAbsolutePath();
    return path.startsWith(cwd) && !path.equals(cwd)
        ? cwd.relativize(path).toString()
        : path.toString();
  }
}
