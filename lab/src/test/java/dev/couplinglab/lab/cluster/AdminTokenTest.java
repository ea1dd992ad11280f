package dev.couplinglab.lab.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run folder's admin token: random, owner-only, made once and reused. */
class AdminTokenTest {

  @TempDir Path dir;

  @Test
  void makesA32HexTokenReadableByItsOwnerOnly() throws Exception {
    RunDir run = RunDir.of(dir.resolve("run"));

    String token = AdminToken.ensure(run);

    assertThat(token).as("32 hex characters").matches("[0-9a-f]{32}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(AdminToken.file(run))))
        .as("owner-only")
        .isEqualTo("rw-------");
    assertThat(AdminToken.read(run)).as("read back").contains(token);
  }

  @Test
  void reusesTheTokenOfTheRunFolderAndMakesAnotherForAnotherFolder() {
    RunDir first = RunDir.of(dir.resolve("a"));
    RunDir second = RunDir.of(dir.resolve("b"));

    String token = AdminToken.ensure(first);

    assertThat(AdminToken.ensure(first)).as("same folder, same token").isEqualTo(token);
    assertThat(AdminToken.ensure(second)).as("another folder, another token").isNotEqualTo(token);
  }

  @Test
  void tightensAFileLeftWithLooserPermissions() throws Exception {
    RunDir run = RunDir.of(dir);
    AdminToken.ensure(run);
    Files.setPosixFilePermissions(
        AdminToken.file(run), PosixFilePermissions.fromString("rw-r--r--"));

    AdminToken.ensure(run);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(AdminToken.file(run))))
        .as("owner-only again")
        .isEqualTo("rw-------");
  }
}
