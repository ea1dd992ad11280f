package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.admin.AdminSpecs;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The service's Kafka consumer sleeps before each record. */
@Command(
    mixinStandardHelpOptions = true,
    name = "slow-consumer",
    description = "Delay each Kafka record the service consumes (admin API).")
final class FaultSlowConsumerCommand extends FaultAdminCommand {

  @Option(
      names = "--delay",
      required = true,
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "sleep before each record, e.g. 100ms")
  Duration delay;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "only this topic's consumer (default: every consumer of the service)")
  String topic;

  @Mixin Lasting lasting;

  @Override
  FaultSpec spec(String service) {
    return AdminSpecs.slowConsumer(topic, delay, lasting.value);
  }
}
