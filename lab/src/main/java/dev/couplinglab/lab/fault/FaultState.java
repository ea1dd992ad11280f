package dev.couplinglab.lab.fault;

import dev.couplinglab.lab.LabException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * The faults the lab has applied and not undone, in a small properties file: {@code
 * <part>.<kind>.since} and {@code <part>.<kind>.detail}. An entry the file cannot make sense of is
 * skipped, never fatal: the file only remembers, reality decides.
 */
public final class FaultState {

  private final Path file;
  private final List<Fault> faults = new ArrayList<>();

  private FaultState(Path file) {
    this.file = file;
  }

  public static FaultState load(Path file) {
    FaultState state = new FaultState(file);
    if (!Files.isRegularFile(file)) {
      return state;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw LabException.failure("cannot read " + file + ": " + e.getMessage());
    }
    for (String key : p.stringPropertyNames()) {
      if (!key.endsWith(".since")) {
        continue;
      }
      String head = key.substring(0, key.length() - ".since".length());
      int dot = head.lastIndexOf('.');
      if (dot <= 0) {
        continue;
      }
      try {
        FaultKind kind = FaultKind.valueOf(head.substring(dot + 1).toUpperCase(Locale.ROOT));
        Instant since = Instant.parse(p.getProperty(key));
        state.faults.add(
            new Fault(head.substring(0, dot), kind, since, p.getProperty(head + ".detail", "")));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        // not one of ours: skipped
      }
    }
    state.faults.sort(Comparator.comparing(Fault::since).thenComparing(Fault::part));
    return state;
  }

  public Path file() {
    return file;
  }

  /** Every fault, oldest first. */
  public List<Fault> all() {
    return List.copyOf(faults);
  }

  /** Records {@code fault}, replacing one of the same part and kind. */
  public FaultState add(Fault fault) {
    remove(fault.part(), fault.kind());
    faults.add(fault);
    return this;
  }

  public FaultState remove(String part, FaultKind... kinds) {
    for (FaultKind kind : kinds) {
      faults.removeIf(f -> f.part().equals(part) && f.kind() == kind);
    }
    return this;
  }

  public FaultState remove(Fault fault) {
    faults.remove(fault);
    return this;
  }

  /** Writes the file (deletes it when no fault is left). */
  public void save() {
    try {
      if (faults.isEmpty()) {
        Files.deleteIfExists(file);
        return;
      }
      Properties p = new Properties();
      for (Fault f : faults) {
        String key = f.part() + "." + f.kind().label();
        p.setProperty(key + ".since", f.since().toString());
        p.setProperty(key + ".detail", f.detail());
      }
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      try (Writer out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        p.store(out, "Faults applied by lab fault and not undone");
      }
      Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw LabException.failure("cannot write " + file + ": " + e.getMessage());
    }
  }
}
