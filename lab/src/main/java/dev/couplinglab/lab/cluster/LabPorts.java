package dev.couplinglab.lab.cluster;

import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.LabException;
import java.util.Map;
import java.util.Properties;

/**
 * The lab's ports: from {@code LAB_*_PORT} variables, with defaults, and in cluster.properties. A
 * bad value is bad usage that names the variable.
 */
public final class LabPorts {

  public static final Ports DEFAULTS = new Ports(9092, 9093, 15051, 15052, 15053);

  private LabPorts() {}

  /** Reads {@code LAB_KAFKA_PORT}, {@code LAB_KAFKA_CONTROLLER_PORT}, {@code LAB_ORDER_PORT}... */
  public static Ports fromEnv(Map<String, String> env) {
    try {
      return new Ports(
          port(env, "LAB_KAFKA_PORT", DEFAULTS.kafka()),
          port(env, "LAB_KAFKA_CONTROLLER_PORT", DEFAULTS.controller()),
          port(env, "LAB_ORDER_PORT", DEFAULTS.order()),
          port(env, "LAB_INVENTORY_PORT", DEFAULTS.inventory()),
          port(env, "LAB_NOTIFICATION_PORT", DEFAULTS.notification()));
    } catch (IllegalArgumentException e) {
      throw LabException.usage(e.getMessage());
    }
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

  public static void writeTo(Ports ports, Properties p) {
    p.setProperty("kafka.port", Integer.toString(ports.kafka()));
    p.setProperty("kafka.controller.port", Integer.toString(ports.controller()));
    p.setProperty("order-service.port", Integer.toString(ports.order()));
    p.setProperty("inventory-service.port", Integer.toString(ports.inventory()));
    p.setProperty("notification-service.port", Integer.toString(ports.notification()));
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
