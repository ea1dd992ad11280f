package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.lab.admin.AdminSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The service's Kafka consumer stops consuming (it stays in its group) until cleared. */
@Command(
    mixinStandardHelpOptions = true,
    name = "stall-consumer",
    description = "Stop the service's Kafka consumption, staying in the group (admin API).")
final class FaultStallConsumerCommand extends FaultAdminCommand {

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "only this topic's consumer (default: every consumer of the service)")
  String topic;

  @Mixin Lasting lasting;

  @Override
  FaultSpec spec(String service) {
    return AdminSpecs.stallConsumer(topic, lasting.value);
  }
}
