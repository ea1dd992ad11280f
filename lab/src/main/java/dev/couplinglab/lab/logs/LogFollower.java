package dev.couplinglab.lab.logs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines appended to a log file since the last poll. Copes with a file that does not exist
 * yet and with one that was truncated (starts again from its beginning). A line is returned once
 * its newline has been written.
 */
public final class LogFollower {

  private final Path file;
  private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
  private long position;

  public LogFollower(Path file, long position) {
    this.file = file;
    this.position = position;
  }

  public List<String> poll() throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isRegularFile(file)) {
      return lines;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long size = in.length();
      if (size < position) {
        position = 0;
        partial.reset();
      }
      in.seek(position);
      byte[] buffer = new byte[8192];
      int read;
      while (position < size
          && (read = in.read(buffer, 0, (int) Math.min(buffer.length, size - position))) > 0) {
        position += read;
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n') {
            lines.add(stripCarriageReturn(partial.toString(StandardCharsets.UTF_8)));
            partial.reset();
          } else {
            partial.write(buffer[i]);
          }
        }
      }
    }
    return lines;
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }
}
