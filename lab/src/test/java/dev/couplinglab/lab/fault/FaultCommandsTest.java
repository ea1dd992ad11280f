package dev.couplinglab.lab.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FaultCommandsTest {

  @Test
  void sendsSignalsByNameThroughKill() {
    assertThat(FaultCommands.signal("SIGSTOP", 1234)).containsExactly("kill", "-s", "STOP", "1234");
    assertThat(FaultCommands.signal("SIGKILL", 7)).containsExactly("kill", "-s", "KILL", "7");
  }

  @Test
  void dropsTcpToOnePortOnLoopbackWithRulesTaggedForTheRunFolder() {
    List<String> rule =
        List.of(
            "-i",
            "lo",
            "-p",
            "tcp",
            "--dport",
            "15052",
            "-m",
            "comment",
            "--comment",
            "couplinglab-0a1b2c3d",
            "-j",
            "DROP");

    assertThat(FaultCommands.addDrop(15052, "0a1b2c3d"))
        .as("inserted first in INPUT")
        .isEqualTo(concat(List.of("iptables", "-w", "-I", "INPUT"), rule));
    assertThat(FaultCommands.checkDrop(15052, "0a1b2c3d"))
        .isEqualTo(concat(List.of("iptables", "-w", "-C", "INPUT"), rule));
    assertThat(FaultCommands.deleteDrop(15052, "0a1b2c3d"))
        .isEqualTo(concat(List.of("iptables", "-w", "-D", "INPUT"), rule));
  }

  @Test
  void deletesOnlyTheRulesOfThisRunFolder() {
    String listing =
        """
        -P INPUT ACCEPT
        -A INPUT -i lo -p tcp -m tcp --dport 15052 -m comment --comment couplinglab-0a1b2c3d -j DROP
        -A INPUT -i lo -p tcp -m tcp --dport 15053 -m comment --comment couplinglab-ffffffff -j DROP
        -A INPUT -i lo -p tcp -m tcp --dport 22 -j ACCEPT
        -A INPUT -i lo -p tcp -m tcp --dport 9092 -m comment --comment "couplinglab-0a1b2c3d" -j DROP
        """;

    List<List<String>> deletions = FaultCommands.deleteOurs(listing, "0a1b2c3d");

    assertThat(deletions)
        .as("our two rules, as iptables -S printed them")
        .containsExactly(
            List.of(
                "iptables",
                "-w",
                "-D",
                "INPUT",
                "-i",
                "lo",
                "-p",
                "tcp",
                "-m",
                "tcp",
                "--dport",
                "15052",
                "-m",
                "comment",
                "--comment",
                "couplinglab-0a1b2c3d",
                "-j",
                "DROP"),
            List.of(
                "iptables",
                "-w",
                "-D",
                "INPUT",
                "-i",
                "lo",
                "-p",
                "tcp",
                "-m",
                "tcp",
                "--dport",
                "9092",
                "-m",
                "comment",
                "--comment",
                "couplinglab-0a1b2c3d",
                "-j",
                "DROP"));
    assertThat(FaultCommands.portOf(deletions.get(1))).as("port of a rule").isEqualTo(9092);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
