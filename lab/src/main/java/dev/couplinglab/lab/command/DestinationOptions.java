package dev.couplinglab.lab.command;

import dev.couplinglab.lab.target.Destination;
import picocli.CommandLine.Option;

/** {@code --target} and {@code --address} of a client command: where its call goes. */
final class DestinationOptions {

  @Option(
      names = "--target",
      paramLabel = "local|compose",
      description = "the cluster (default: detected); a host:port here is read as --address")
  private String target;

  @Option(names = "--address", paramLabel = "HOST:PORT", description = "call this address instead")
  private String address;

  Destination destination() {
    return Destination.of(target, address);
  }
}
