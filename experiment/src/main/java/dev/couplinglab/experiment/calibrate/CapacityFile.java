package dev.couplinglab.experiment.calibrate;

import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.report.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Writes a {@link Calibration} as {@code capacity.json} (written to a temporary file, then moved,
 * so a reader never sees half a file) and reads back what a percentage rate needs.
 */
public final class CapacityFile {

  public static final String NAME = "capacity.json";

  private CapacityFile() {}

  public static void write(Calibration c, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, Json.write(toMap(c)));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  static Map<String, Object> toMap(Calibration c) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put(
        "capacityPerStyle",
        c.capacityPerStyle().isPresent() ? c.capacityPerStyle().getAsDouble() : null);
    root.put("unit", "orders/s per style, both styles at once");
    root.put("verdict", c.verdict());
    root.put("target", c.target());
    root.put("measuredAt", c.measuredAt().toString());
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("description", c.machine().describe());
    machine.put("cpuModel", c.machine().cpuModel());
    machine.put("mhz", c.machine().mhz());
    machine.put("cores", c.machine().cores());
    root.put("machine", machine);
    Map<String, Object> bounds = new LinkedHashMap<>();
    bounds.put("syncP99", DurationText.format(c.bounds().syncP99()));
    bounds.put("asyncEndToEndP99", DurationText.format(c.bounds().asyncEndToEndP99()));
    root.put("bounds", bounds);
    root.put("stepDuration", DurationText.format(c.stepDuration()));
    root.put("steps", c.steps().stream().map(s -> step(s, c.bounds())).toList());
    return root;
  }

  private static Map<String, Object> step(StepResult s, Bounds bounds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("rate", s.rate());
    m.put("passed", s.passed(bounds));
    m.put("sentPerStyle", s.sentPerStyle());
    m.put("errors", s.errors());
    m.put("syncP99Micros", s.syncAnswer().p99Micros());
    m.put("asyncEndToEndP99Micros", s.asyncEndToEnd().p99Micros());
    m.put("failure", s.failure(bounds));
    return m;
  }

  /**
   * The saved capacity, or empty when there is no file.
   *
   * @throws IllegalStateException (one line) when the file is there but unreadable
   */
  public static Optional<SavedCapacity> read(Path file, String shownAs) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file));
      if (!(root instanceof Map<?, ?> m)) {
        throw new IllegalStateException(shownAs + ": not a JSON object; run calibrate again");
      }
      Object capacity = m.get("capacityPerStyle");
      Object machine = m.get("machine");
      Object bounds = m.get("bounds");
      return Optional.of(
          new SavedCapacity(
              capacity instanceof Number n && n.doubleValue() > 0
                  ? OptionalDouble.of(n.doubleValue())
                  : OptionalDouble.empty(),
              String.valueOf(m.get("target")),
              Instant.parse(String.valueOf(m.get("measuredAt"))),
              machine instanceof Map<?, ?> mm
                  ? String.valueOf(mm.get("description"))
                  : "unknown machine",
              bounds instanceof Map<?, ?> b
                  ? "sync p99 <= "
                      + b.get("syncP99")
                      + ", async end-to-end p99 <= "
                      + b.get("asyncEndToEndP99")
                  : "unknown bounds",
              shownAs));
    } catch (YAMLException | DateTimeParseException e) {
      throw new IllegalStateException(
          shownAs + ": unreadable (" + firstLine(e) + "); run calibrate again");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(Exception e) {
    return List.of(String.valueOf(e.getMessage()).split("\n")).get(0);
  }
}
