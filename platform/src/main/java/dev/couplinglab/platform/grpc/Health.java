package dev.couplinglab.platform.grpc;

import dev.couplinglab.platform.kafka.PartHealth;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * A service's gRPC health: the whole server (""), its API, and each part under its own name
 * (dev.couplinglab.contracts.HealthNames). Made before the parts, which report to it from the
 * moment they start; {@link GrpcServer} serves it, and from the start of shutdown says NOT_SERVING
 * for every name.
 */
public final class Health {

  private final HealthStatusManager manager = new HealthStatusManager();

  /** A part that reports UNKNOWN until it says how it is. */
  public PartHealth part(String name) {
    manager.setStatus(name, ServingStatus.UNKNOWN);
    return serving ->
        manager.setStatus(name, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
  }

  HealthStatusManager manager() {
    return manager;
  }
}
