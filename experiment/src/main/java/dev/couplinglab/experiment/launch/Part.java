package dev.couplinglab.experiment.launch;

import dev.couplinglab.contracts.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The four processes of a local cluster and the module each one is built from. */
public enum Part {
  KAFKA("kafka", "local-kafka"),
  ORDER(Service.ORDER),
  INVENTORY(Service.INVENTORY),
  NOTIFICATION(Service.NOTIFICATION);

  /** The services, in the order they are started and stopped. */
  public static final List<Part> SERVICES = List.of(ORDER, INVENTORY, NOTIFICATION);

  private final String displayName;
  private final String module;

  Part(String displayName, String module) {
    this.displayName = displayName;
    this.module = module;
  }

  /** A service's module and jar carry its name. */
  Part(Service service) {
    this(service.serviceName(), service.serviceName());
  }

  /** The name used in logs, pid files and tables: {@code kafka}, {@code order-service}, ... */
  public String displayName() {
    return displayName;
  }

  public boolean isService() {
    return this != KAFKA;
  }

  /** The runnable jar of this part inside the repository at {@code home}. */
  public Path jar(Path home) {
    return home.resolve(module).resolve("target").resolve(module + ".jar");
  }

  /** Finds a part by its name or short name: {@code inventory-service} or {@code inventory}. */
  public static Optional<Part> byName(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Part part : values()) {
      if (part.displayName.equals(wanted) || part.displayName.equals(wanted + "-service")) {
        return Optional.of(part);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return displayName;
  }
}
