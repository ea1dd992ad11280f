package dev.couplinglab.lab.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path dir;

  @Test
  void readsTheLastLinesOfALogLargerThanOneChunk() throws IOException {
    Path log = dir.resolve("big.log");
    String text =
        IntStream.range(0, 20_000).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
    Files.writeString(log, text + "\n");

    LogTail.Tail tail = LogTail.read(log, 3);

    assertThat(tail.lines())
        .as("last three lines")
        .containsExactly("line 19997", "line 19998", "line 19999");
    assertThat(tail.end()).as("read up to the end").isEqualTo(Files.size(log));
  }

  @Test
  void readsAMissingLogAsEmpty() throws IOException {
    assertThat(LogTail.read(dir.resolve("none.log"), 5).lines()).as("no file, no lines").isEmpty();
  }

  @Test
  void followerReturnsOnlyCompleteNewLines() throws IOException {
    Path log = dir.resolve("svc.log");
    Files.writeString(log, "old\n");
    LogFollower follower = new LogFollower(log, Files.size(log));

    append(log, "new 1\nnew 2\npart");
    assertThat(follower.poll()).as("complete lines only").containsExactly("new 1", "new 2");

    append(log, "ial\n");
    assertThat(follower.poll()).as("the rest of the partial line").containsExactly("partial");
    assertThat(follower.poll()).as("nothing new").isEmpty();
  }

  @Test
  void followerWaitsForAFileThatDoesNotExistYet() throws IOException {
    Path log = dir.resolve("later.log");
    LogFollower follower = new LogFollower(log, 0);

    assertThat(follower.poll()).as("no file yet").isEmpty();
    Files.writeString(log, "first\n");
    assertThat(follower.poll()).as("the file's first line").containsExactly("first");
  }

  @Test
  void followerStartsOverWhenTheFileIsTruncated() throws IOException {
    Path log = dir.resolve("rotated.log");
    Files.writeString(log, "a long first line\n");
    LogFollower follower = new LogFollower(log, Files.size(log));

    Files.writeString(log, "fresh\n");
    assertThat(follower.poll()).as("read again from the start").containsExactly("fresh");
  }

  private static void append(Path log, String text) throws IOException {
    Files.writeString(log, text, StandardOpenOption.APPEND);
  }
}
