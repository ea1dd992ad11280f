package dev.couplinglab.lab.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ComposeCommandsTest {

  @Test
  void namesTheProjectInEveryComposeCommand() {
    assertThat(ComposeCommands.kill("kafka-2"))
        .containsExactly(
            "docker", "compose", "-p", "couplinglab", "kill", "-s", "SIGKILL", "kafka-2");
    assertThat(ComposeCommands.stop("order-service"))
        .containsExactly("docker", "compose", "-p", "couplinglab", "stop", "order-service");
    assertThat(ComposeCommands.start("order-service"))
        .containsExactly("docker", "compose", "-p", "couplinglab", "start", "order-service");
    assertThat(ComposeCommands.start(List.of("kafka-1", "kafka-2", "kafka-3")))
        .as("one command for the brokers of one quorum")
        .containsExactly(
            "docker", "compose", "-p", "couplinglab", "start", "kafka-1", "kafka-2", "kafka-3");
    assertThat(ComposeCommands.stop(List.of("kafka-1", "kafka-2")))
        .containsExactly("docker", "compose", "-p", "couplinglab", "stop", "kafka-1", "kafka-2");
    assertThat(ComposeCommands.pause("inventory-service"))
        .containsExactly("docker", "compose", "-p", "couplinglab", "pause", "inventory-service");
    assertThat(ComposeCommands.unpause("inventory-service"))
        .containsExactly("docker", "compose", "-p", "couplinglab", "unpause", "inventory-service");
    assertThat(ComposeCommands.runningIds())
        .containsExactly("docker", "compose", "-p", "couplinglab", "ps", "-q");
    assertThat(ComposeCommands.containerId("kafka-1"))
        .containsExactly("docker", "compose", "-p", "couplinglab", "ps", "-a", "-q", "kafka-1");
  }

  @Test
  void readsLogsWithoutDockersPrefixOrColours() {
    assertThat(ComposeCommands.logs("order-service", null, false))
        .containsExactly(
            "docker",
            "compose",
            "-p",
            "couplinglab",
            "logs",
            "--no-color",
            "--no-log-prefix",
            "order-service");
    assertThat(ComposeCommands.logs("kafka-1", 50, true))
        .containsExactly(
            "docker",
            "compose",
            "-p",
            "couplinglab",
            "logs",
            "--no-color",
            "--no-log-prefix",
            "--tail",
            "50",
            "--follow",
            "kafka-1");
  }

  @Test
  void partitionsThroughTheProjectNetworkAndReconnectsUnderTheServiceName() {
    assertThat(ComposeCommands.disconnect("c0ffee"))
        .containsExactly("docker", "network", "disconnect", "couplinglab_default", "c0ffee");
    assertThat(ComposeCommands.connect("inventory-service", "c0ffee"))
        .containsExactly(
            "docker",
            "network",
            "connect",
            "--alias",
            "inventory-service",
            "couplinglab_default",
            "c0ffee");
  }

  @Test
  void readsWhatDockerInspectPrints() {
    ContainerState paused =
        ContainerState.parse(
            "running|true|0|healthy|couplinglab_default,|/couplinglab-inventory-service-1\n");
    ContainerState cut = ContainerState.parse("running|false|0||||/couplinglab-kafka-2-1");
    ContainerState killed =
        ContainerState.parse("exited|false|137|unhealthy|couplinglab_default,|/x");

    assertThat(paused.name()).as("name without slash").isEqualTo("couplinglab-inventory-service-1");
    assertThat(paused.paused()).as("paused").isTrue();
    assertThat(paused.running()).as("a paused container does not run").isFalse();
    assertThat(paused.onProjectNetwork()).as("on the network").isTrue();
    assertThat(cut.networks()).as("disconnected").isEqualTo(Set.of());
    assertThat(cut.healthy()).as("running, no health check").isTrue();
    assertThat(killed.exitCode()).as("exit code").isEqualTo(137);
    assertThat(killed.healthy()).as("exited").isFalse();
  }
}
