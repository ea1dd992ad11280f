package dev.couplinglab.lab.cluster;

import dev.couplinglab.experiment.launch.LaunchPlan;
import dev.couplinglab.lab.LabException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The admin token of a local cluster: 32 random hex characters, made once per run folder by {@code
 * lab up} and kept in {@code <run>/admin.token}, readable by its owner only. The services get it as
 * {@code ADMIN_TOKEN}; the lab sends it as {@code authorization: Bearer <token>}. It is never
 * printed.
 */
public final class AdminToken {

  public static final String FILE = "admin.token";

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private AdminToken() {}

  /** The token of {@code run}, made (and the folder created) if there is none yet. */
  public static String ensure(RunDir run) {
    Optional<String> existing = read(run);
    if (existing.isPresent()) {
      restrict(file(run));
      return existing.get();
    }
    String token = LaunchPlan.newAdminToken();
    Path file = file(run);
    try {
      Files.createDirectories(run.root());
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      restrict(file);
      Files.writeString(file, token + "\n", StandardCharsets.US_ASCII);
    } catch (FileAlreadyExistsException e) {
      throw LabException.failure("another lab up is writing " + file + ": try again");
    } catch (IOException e) {
      throw LabException.failure("cannot write the admin token file " + file + ": " + e);
    }
    return token;
  }

  /** The token of {@code run}, if {@code lab up} made one. */
  public static Optional<String> read(RunDir run) {
    Path file = file(run);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return FORMAT.matcher(token).matches() ? Optional.of(token) : Optional.empty();
    } catch (IOException e) {
      throw LabException.failure("cannot read the admin token file " + file + ": " + e);
    }
  }

  public static Path file(RunDir run) {
    return run.root().resolve(FILE);
  }

  private static void restrict(Path file) {
    try {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: nothing finer to set.
    } catch (IOException e) {
      throw LabException.failure("cannot make " + file + " owner-only: " + e);
    }
  }
}
