package dev.couplinglab.lab.command;

import dev.couplinglab.lab.target.Target;
import picocli.CommandLine.Option;

/** {@code --target local|compose} of a command that acts on a whole cluster. */
final class TargetOption {

  @Option(
      names = "--target",
      paramLabel = "local|compose",
      description = "the cluster (default: detected, see 'lab --help')")
  private String target;

  /** The target asked for on this command, or null. */
  Target asked() {
    return target == null ? null : Target.parse(target, "--target");
  }
}
