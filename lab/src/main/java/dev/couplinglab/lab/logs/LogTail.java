package dev.couplinglab.lab.logs;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end so a large log costs little. */
public final class LogTail {

  private static final int CHUNK = 64 * 1024;

  private LogTail() {}

  /** The last {@code count} complete or partial lines and the file size they were read up to. */
  public record Tail(List<String> lines, long end) {}

  public static Tail read(Path file, int count) throws IOException {
    if (!Files.isRegularFile(file)) {
      return new Tail(List.of(), 0);
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long end = in.length();
      long span = Math.min(end, CHUNK);
      while (true) {
        byte[] bytes = new byte[(int) span];
        in.seek(end - span);
        in.readFully(bytes);
        List<String> lines = split(new String(bytes, StandardCharsets.UTF_8));
        boolean whole = span == end;
        if (!whole) {
          lines.remove(0); // starts mid-line
        }
        if (whole || lines.size() >= count || span >= Integer.MAX_VALUE / 2) {
          int from = Math.max(0, lines.size() - count);
          return new Tail(List.copyOf(lines.subList(from, lines.size())), end);
        }
        span = Math.min(end, span * 2);
      }
    }
  }

  private static List<String> split(String text) {
    if (text.isEmpty()) {
      return new ArrayList<>();
    }
    String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    return new ArrayList<>(Arrays.asList(trimmed.split("\r?\n", -1)));
  }
}
