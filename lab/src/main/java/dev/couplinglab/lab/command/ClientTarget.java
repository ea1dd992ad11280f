package dev.couplinglab.lab.command;

import dev.couplinglab.lab.target.Destination;
import picocli.CommandLine.Option;

/** The options of a client command that say where its call goes. */
final class ClientTarget {

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
