package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.admin.AdminSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The service's producer publishes records nobody can parse; their consumer dead-letters them. */
@Command(
    mixinStandardHelpOptions = true,
    name = "poison",
    description = "Publish unparseable records from the service's producer (admin API, one-shot).")
final class FaultPoisonCommand extends FaultAdminCommand {

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description =
          "orders, inventory or notifications (default: order-service orders,"
              + " inventory-service inventory)")
  String topic;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "1",
      description = "how many records, 1..1000 (default 1)")
  int count;

  @Override
  FaultSpec spec(String service) {
    if (count < 1 || count > 1000) {
      throw LabException.usage("--count must be from 1 to 1000, was " + count);
    }
    return AdminSpecs.poison(topic == null ? AdminSpecs.defaultPoisonTopic(service) : topic, count);
  }
}
