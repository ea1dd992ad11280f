package dev.couplinglab.lab.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The command lines of local faults, built here so a test can read them: signals through {@code
 * kill}, partitions as an iptables rule that drops TCP to one port on the loopback interface,
 * tagged {@code couplinglab-<runId>} so only our rules are ever removed.
 */
public final class FaultCommands {

  private FaultCommands() {}

  /** {@code kill -s STOP 1234}: the signal name without its SIG prefix. */
  public static List<String> signal(String signal, long pid) {
    return List.of("kill", "-s", signal.replaceFirst("^SIG", ""), Long.toString(pid));
  }

  public static String comment(String runId) {
    return "couplinglab-" + runId;
  }

  /** Inserts the drop rule first in INPUT, so no earlier ACCEPT lets the traffic through. */
  public static List<String> addDrop(int port, String runId) {
    return iptables("-I", port, runId);
  }

  public static List<String> deleteDrop(int port, String runId) {
    return iptables("-D", port, runId);
  }

  /** Exit code 0 when the rule exists. */
  public static List<String> checkDrop(int port, String runId) {
    return iptables("-C", port, runId);
  }

  public static List<String> listInput() {
    return List.of("iptables", "-w", "-S", "INPUT");
  }

  /**
   * The commands deleting every rule of {@code listing} ({@code iptables -S INPUT}) that carries
   * our comment, and no other.
   */
  public static List<List<String>> deleteOurs(String listing, String runId) {
    List<List<String>> deletions = new ArrayList<>();
    for (String line : listing.lines().toList()) {
      List<String> words = List.of(line.strip().replace("\"", "").split("\\s+"));
      int tag = words.indexOf("--comment");
      if (words.size() > 2
          && words.get(0).equals("-A")
          && words.get(1).equals("INPUT")
          && tag > 0
          && tag + 1 < words.size()
          && words.get(tag + 1).equals(comment(runId))) {
        List<String> command = new ArrayList<>(List.of("iptables", "-w", "-D", "INPUT"));
        command.addAll(words.subList(2, words.size()));
        deletions.add(command);
      }
    }
    return deletions;
  }

  /** The port a rule of ours drops, from its {@code --dport}, or -1. */
  static int portOf(List<String> deletion) {
    int i = deletion.indexOf("--dport");
    return i >= 0 && i + 1 < deletion.size() ? Integer.parseInt(deletion.get(i + 1)) : -1;
  }

  private static List<String> iptables(String action, int port, String runId) {
    return List.of(
        "iptables",
        "-w",
        action,
        "INPUT",
        "-i",
        "lo",
        "-p",
        "tcp",
        "--dport",
        Integer.toString(port),
        "-m",
        "comment",
        "--comment",
        comment(runId),
        "-j",
        "DROP");
  }
}
