package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.admin.AdminSpecs;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Added latency before a gRPC handler of the service. */
@Command(
    mixinStandardHelpOptions = true,
    name = "latency",
    description = "Delay a gRPC method of the service (admin API).")
final class FaultLatencyCommand extends FaultAdminCommand {

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      description = "Reserve, couplinglab.v1.InventoryService/Reserve, ...; default: * (every one)")
  String method;

  @Option(
      names = "--fixed",
      required = true,
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "added latency, e.g. 200ms")
  Duration fixed;

  @Option(
      names = "--jitter",
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "plus a uniform 0..jitter (default none)")
  Duration jitter;

  @Option(
      names = "--probability",
      paramLabel = "P",
      defaultValue = "1.0",
      description = "share of calls delayed, 0..1 (default 1)")
  double probability;

  @Mixin Lasting lasting;

  @Override
  FaultSpec spec(String service) {
    if (probability < 0 || probability > 1) {
      throw LabException.usage("--probability must be from 0 to 1, was " + probability);
    }
    return AdminSpecs.latency(method, fixed, jitter, probability, lasting.value);
  }
}
