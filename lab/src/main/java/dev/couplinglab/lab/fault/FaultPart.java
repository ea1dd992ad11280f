package dev.couplinglab.lab.fault;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.target.Target;
import java.util.Locale;
import java.util.Optional;

/**
 * A part a fault applies to: a service, or a broker ({@code kafka} locally, {@code kafka-1..3} in
 * compose). {@code local} is the local cluster's part, null for compose.
 */
public record FaultPart(String name, Part local) {

  private static final String SERVICES =
      "order-service, inventory-service or notification-service (or order, inventory,"
          + " notification)";

  /** Reads a part name for {@code target}; an unknown name is bad usage (exit 2). */
  public static FaultPart parse(String name, Target target) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    if (target == Target.LOCAL) {
      Optional<Part> part = Part.byName(wanted);
      if (part.isPresent()) {
        return new FaultPart(part.get().displayName(), part.get());
      }
      if (wanted.matches("kafka-[123]")) {
        throw LabException.usage(
            wanted + " exists in compose only; the local cluster has one broker: kafka");
      }
      throw LabException.usage("unknown part '" + name + "': kafka, " + SERVICES);
    }
    String service = wanted.startsWith("kafka") ? wanted : withSuffix(wanted);
    if (Compose.SERVICES.contains(service)) {
      return new FaultPart(service, null);
    }
    if (wanted.equals("kafka")) {
      throw LabException.usage("compose has three brokers: kafka-1, kafka-2 or kafka-3");
    }
    throw LabException.usage("unknown part '" + name + "': kafka-1, kafka-2, kafka-3, " + SERVICES);
  }

  public boolean isBroker() {
    return name.startsWith("kafka");
  }

  private static String withSuffix(String name) {
    return name.endsWith("-service") ? name : name + "-service";
  }

  @Override
  public String toString() {
    return name;
  }
}
