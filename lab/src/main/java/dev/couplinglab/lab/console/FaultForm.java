package dev.couplinglab.lab.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Turns a fault the page asks for into the {@code lab fault} command line that does it. Only the
 * faults and options of {@code lab fault} are accepted; each value goes as {@code --option=value}
 * in an argument of its own (no shell, and a value cannot pass for another option). The command
 * itself checks the values and says what is wrong, exactly as in the terminal.
 */
final class FaultForm {

  /** A fault on one part and what undoes it, for the process and network faults. */
  static final Map<String, String> ON_PART = new LinkedHashMap<>();

  static {
    ON_PART.put("kill", "start");
    ON_PART.put("stop", "start");
    ON_PART.put("start", null);
    ON_PART.put("restart", null);
    ON_PART.put("pause", "resume");
    ON_PART.put("resume", null);
    ON_PART.put("partition", "heal");
    ON_PART.put("heal", null);
  }

  /** The options each application fault takes, as the page names them. */
  static final Map<String, List<String>> ADMIN =
      Map.of(
          "latency", List.of("method", "fixed", "jitter", "probability", "for"),
          "error", List.of("method", "code", "rate", "for"),
          "slow-consumer", List.of("delay", "topic", "for"),
          "stall-consumer", List.of("topic", "for"),
          "poison", List.of("topic", "count"));

  /** Bad input from the page, said in one line; nothing was run. */
  static final class Refused extends RuntimeException {
    Refused(String message) {
      super(message);
    }
  }

  /** The command line, and for a process fault with a duration the one that undoes it. */
  record Plan(List<String> args, Optional<List<String>> undo, String lasting) {}

  private FaultForm() {}

  /**
   * The plan for {@code fault} on {@code part} with the page's {@code fields} (blank ones are left
   * out).
   *
   * @throws Refused for a fault {@code lab fault} does not have, or a part that is no name
   */
  static Plan plan(String fault, String part, UnaryOperator<String> fields) {
    String name = fault == null ? "" : fault.strip();
    if (name.equals("clear")) {
      return new Plan(List.of("fault", "clear"), Optional.empty(), "");
    }
    if (part == null || !part.strip().matches("[a-z][a-z0-9-]{0,40}")) {
      throw new Refused("choose a part: a service or a broker");
    }
    String target = part.strip();
    if (ON_PART.containsKey(name)) {
      String lasting = blankToEmpty(fields.apply("for"));
      String undo = ON_PART.get(name);
      if (!lasting.isEmpty() && undo == null) {
        throw new Refused(name + " takes no duration");
      }
      return new Plan(
          List.of("fault", name, target),
          lasting.isEmpty() ? Optional.empty() : Optional.of(List.of("fault", undo, target)),
          lasting);
    }
    List<String> options = ADMIN.get(name);
    if (options == null) {
      throw new Refused(
          "unknown fault '"
              + name
              + "': "
              + String.join(", ", ON_PART.keySet())
              + ", "
              + String.join(", ", ADMIN.keySet())
              + " or clear");
    }
    List<String> args = new ArrayList<>(List.of("fault", name, target));
    for (String option : options) {
      String value = blankToEmpty(fields.apply(option));
      if (!value.isEmpty()) {
        args.add("--" + option + "=" + value);
      }
    }
    return new Plan(args, Optional.empty(), "");
  }

  private static String blankToEmpty(String value) {
    return value == null ? "" : value.strip();
  }
}
