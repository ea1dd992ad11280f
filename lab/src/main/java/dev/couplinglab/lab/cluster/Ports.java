package dev.couplinglab.lab.cluster;

import dev.couplinglab.lab.LabException;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/** The TCP ports of a local cluster, from {@code LAB_*_PORT} variables or cluster.properties. */
public record Ports(int kafka, int controller, int order, int inventory, int notification) {

  public static final Ports DEFAULTS = new Ports(9092, 9093, 15051, 15052, 15053);

  public Ports {
    Set<Integer> seen = new HashSet<>();
    for (int port : new int[] {kafka, controller, order, inventory, notification}) {
      if (!seen.add(port)) {
        throw LabException.usage("port " + port + " is given to two parts of the cluster");
      }
    }
  }

  /** Reads {@code LAB_KAFKA_PORT}, {@code LAB_KAFKA_CONTROLLER_PORT}, {@code LAB_ORDER_PORT}... */
  public static Ports fromEnv(Map<String, String> env) {
    return new Ports(
        port(env, "LAB_KAFKA_PORT", DEFAULTS.kafka),
        port(env, "LAB_KAFKA_CONTROLLER_PORT", DEFAULTS.controller),
        port(env, "LAB_ORDER_PORT", DEFAULTS.order),
        port(env, "LAB_INVENTORY_PORT", DEFAULTS.inventory),
        port(env, "LAB_NOTIFICATION_PORT", DEFAULTS.notification));
  }

  public static Ports fromProperties(Properties p) {
    Map<String, String> values =
        Map.of(
            "LAB_KAFKA_PORT", p.getProperty("kafka.port", ""),
            "LAB_KAFKA_CONTROLLER_PORT", p.getProperty("kafka.controller.port", ""),
            "LAB_ORDER_PORT", p.getProperty("order-service.port", ""),
            "LAB_INVENTORY_PORT", p.getProperty("inventory-service.port", ""),
            "LAB_NOTIFICATION_PORT", p.getProperty("notification-service.port", ""));
    return fromEnv(values);
  }

  public void writeTo(Properties p) {
    p.setProperty("kafka.port", Integer.toString(kafka));
    p.setProperty("kafka.controller.port", Integer.toString(controller));
    p.setProperty("order-service.port", Integer.toString(order));
    p.setProperty("inventory-service.port", Integer.toString(inventory));
    p.setProperty("notification-service.port", Integer.toString(notification));
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

  static int port(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw LabException.usage(name + " must be a port number 1-65535, was '" + value + "'");
  }
}
