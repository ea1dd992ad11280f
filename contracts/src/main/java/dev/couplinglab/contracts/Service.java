package dev.couplinglab.contracts;

import java.util.List;
import java.util.Optional;

/**
 * The three services, by the one name each goes by everywhere: its logs and pid file, its Kafka
 * consumer group, its compose service and container, its module and jar. No service name appears
 * anywhere else in the main code.
 */
public enum Service {
  ORDER("order-service", Optional.of(Topics.ORDERS)),
  INVENTORY("inventory-service", Optional.of(Topics.INVENTORY)),
  NOTIFICATION("notification-service", Optional.empty());

  /** In the order of the order path: the order's entry point first. */
  public static final List<Service> ALL = List.of(ORDER, INVENTORY, NOTIFICATION);

  private final String serviceName;
  private final Optional<Topic<?>> publishes;

  Service(String serviceName, Optional<Topic<?>> publishes) {
    this.serviceName = serviceName;
    this.publishes = publishes;
  }

  /** {@code order-service}, {@code inventory-service}, {@code notification-service}. */
  public String serviceName() {
    return serviceName;
  }

  /** The consumer group of the service's Kafka consumer: its name. */
  public String consumerGroup() {
    return serviceName;
  }

  /** The topic the service's own events go to, if it publishes any. */
  public Optional<Topic<?>> publishes() {
    return publishes;
  }

  /** The service called {@code name}, if it is one. */
  public static Optional<Service> byName(String name) {
    return ALL.stream().filter(s -> s.serviceName.equals(name)).findFirst();
  }

  @Override
  public String toString() {
    return serviceName;
  }
}
