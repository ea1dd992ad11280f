package dev.couplinglab.lab.target;

import dev.couplinglab.lab.LabException;

/**
 * Where a client command sends its call: a target (local or compose, or null to detect it) or an
 * explicit {@code host:port}. {@code --target host:port} is still read as an address, as before
 * targets existed; {@code --address} says it plainly.
 */
public record Destination(Target target, String address) {

  public static Destination of(String targetOption, String addressOption) {
    String address = blankToNull(addressOption);
    String target = blankToNull(targetOption);
    if (target != null && target.contains(":")) {
      if (address != null) {
        throw LabException.usage("give either --address or --target host:port, not both");
      }
      return new Destination(null, target.trim());
    }
    Target parsed = target == null ? null : Target.parse(target, "--target");
    if (parsed != null && address != null) {
      throw LabException.usage("--target " + parsed + " and --address exclude each other");
    }
    return new Destination(parsed, address == null ? null : address.trim());
  }

  public boolean hasAddress() {
    return address != null;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
