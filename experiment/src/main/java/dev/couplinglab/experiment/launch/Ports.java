package dev.couplinglab.experiment.launch;

import java.util.HashSet;
import java.util.Set;

/** The TCP ports of a local cluster on loopback: Kafka's two and one per service. */
public record Ports(int kafka, int controller, int order, int inventory, int notification) {

  /** Refuses a port given to two parts ({@link IllegalArgumentException}). */
  public Ports {
    Set<Integer> seen = new HashSet<>();
    for (int port : new int[] {kafka, controller, order, inventory, notification}) {
      if (!seen.add(port)) {
        throw new IllegalArgumentException(
            "port " + port + " is given to two parts of the cluster");
      }
    }
  }

  /** The port a client uses to reach {@code part} (the broker port for Kafka). */
  public int of(Part part) {
    return switch (part) {
      case KAFKA -> kafka;
      case ORDER -> order;
      case INVENTORY -> inventory;
      case NOTIFICATION -> notification;
    };
  }

  public String address(Part part) {
    return "localhost:" + of(part);
  }
}
