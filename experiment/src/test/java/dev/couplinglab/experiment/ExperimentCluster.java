package dev.couplinglab.experiment;

import dev.couplinglab.clusterkit.InProcessCluster;
import dev.couplinglab.experiment.model.FaultKind;
import dev.couplinglab.experiment.model.FaultStep;
import dev.couplinglab.experiment.timeline.FaultDriver;
import dev.couplinglab.experiment.timeline.FaultHandle;
import dev.couplinglab.order.repair.RepairMode;
import java.nio.file.Path;

/**
 * The {@link InProcessCluster} as the experiment ITs run it (16 gRPC threads in each service, as
 * the services' default {@code GRPC_THREADS}), the addresses an experiment is given, and {@link
 * FaultDriver}s that kill inventory-service or notification-service and start it again on the same
 * port and data.
 */
final class ExperimentCluster implements AutoCloseable {

  private final InProcessCluster cluster;

  /** With order-service's default repair ({@code durable}), as the shipped scenarios run. */
  ExperimentCluster(Path dir) throws Exception {
    this(dir, RepairMode.DURABLE);
  }

  /**
   * @param repair order-service's {@code REPAIR}: {@link RepairMode#NONE} for the naive chain
   */
  ExperimentCluster(Path dir, RepairMode repair) throws Exception {
    cluster =
        InProcessCluster.in(dir)
            .inventory(s -> s.withGrpcThreads(16))
            .notification(s -> s.withGrpcThreads(16))
            .orderSettings(s -> s.withGrpcThreads(16))
            .order(c -> c.withRepair(repair))
            .start();
  }

  Addresses addresses() {
    return new Addresses(
        cluster.orderTarget(), cluster.inventoryTarget(), cluster.notificationTarget());
  }

  /** Kills (closes) inventory-service; undo starts it again on the same port and data. */
  FaultDriver inventoryKiller() {
    return killer("inventory-service", cluster::stopInventory, cluster::startInventory);
  }

  /** Kills (closes) notification-service; undo starts it again on the same port and data. */
  FaultDriver notificationKiller() {
    return killer("notification-service", cluster::stopNotification, cluster::startNotification);
  }

  private interface Start {
    void run() throws Exception;
  }

  private static FaultDriver killer(String part, Runnable stop, Start start) {
    return new FaultDriver() {
      @Override
      public FaultHandle apply(FaultStep step) {
        if (step.fault() != FaultKind.KILL || !step.part().equals(part)) {
          throw new UnsupportedOperationException("only kill " + part + ": " + step.describe());
        }
        stop.run();
        return FaultHandle.of("closed " + part + " in-process");
      }

      @Override
      public void undo(FaultHandle handle) throws Exception {
        start.run();
      }
    };
  }

  @Override
  public void close() {
    cluster.close();
  }
}
