package dev.couplinglab.lab.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each fault was in force, for the shading on the page's charts: a fault opens a window when
 * the fault list first shows it and closes it when the list no longer does. Windows that closed
 * more than ten minutes ago are forgotten.
 */
final class FaultWindows {

  private static final long KEEP_MS = 10 * 60 * 1000;

  /** A fault's window: {@code to} is null while it is in force. */
  record Window(String part, String fault, long from, Long to) {}

  private final Map<String, Window> open = new LinkedHashMap<>();
  private final List<Window> closed = new ArrayList<>();

  /** Updates the windows from the parts' fault lines now; returns every window to draw. */
  synchronized List<Window> update(List<ClusterWatch.PartState> parts, long nowMillis) {
    Map<String, Window> seen = new LinkedHashMap<>();
    for (ClusterWatch.PartState part : parts) {
      for (String line : part.faults()) {
        String key = part.name() + " " + key(line);
        Window window = open.get(key);
        seen.put(
            key, window != null ? window : new Window(part.name(), label(line), nowMillis, null));
      }
    }
    for (Map.Entry<String, Window> e : open.entrySet()) {
      if (!seen.containsKey(e.getKey())) {
        Window w = e.getValue();
        closed.add(new Window(w.part(), w.fault(), w.from(), nowMillis));
      }
    }
    open.clear();
    open.putAll(seen);
    closed.removeIf(w -> w.to() < nowMillis - KEEP_MS);
    List<Window> all = new ArrayList<>(closed);
    all.addAll(open.values());
    return all;
  }

  /**
   * What identifies a fault line over time: {@code killed}, {@code partitioned} (a process or
   * network fault), or {@code fault f-3} (an admin fault, by its id); its age and counts change.
   */
  static String key(String line) {
    String[] words = line.split("[ :]+");
    return words[0].equals("fault") && words.length > 1 ? "fault " + words[1] : words[0];
  }

  /** {@code killed}, or an admin fault's description: {@code latency +200ms on Reserve}. */
  static String label(String line) {
    if (!line.startsWith("fault ")) {
      return line.split(" ", 2)[0];
    }
    int colon = line.indexOf(": ");
    int fired = line.lastIndexOf(", fired=");
    return colon > 0 && fired > colon ? line.substring(colon + 2, fired) : line;
  }
}
