package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.admin.AdminSpecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A gRPC method of the service answers an error instead of running its handler. */
@Command(
    mixinStandardHelpOptions = true,
    name = "error",
    description = "Answer a gRPC method of the service with an error (admin API).")
final class FaultErrorCommand extends FaultAdminCommand {

  @Option(
      names = "--method",
      paramLabel = "METHOD",
      description = "Reserve, couplinglab.v1.InventoryService/Reserve, ...; default: * (every one)")
  String method;

  @Option(
      names = "--code",
      required = true,
      paramLabel = "STATUS",
      description = "a gRPC status name, e.g. UNAVAILABLE")
  String code;

  @Option(
      names = "--rate",
      paramLabel = "R",
      defaultValue = "1.0",
      description = "share of calls that fail, 0..1 (default 1)")
  double rate;

  @Mixin Lasting lasting;

  @Override
  FaultSpec spec(String service) {
    if (rate < 0 || rate > 1) {
      throw LabException.usage("--rate must be from 0 to 1, was " + rate);
    }
    return AdminSpecs.error(method, code, rate, lasting.value);
  }
}
