package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.admin.AdminClient;
import dev.couplinglab.lab.admin.AdminSpecs;
import dev.couplinglab.lab.target.Destination;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * An application fault through one service's AdminService: builds the spec, injects it with the
 * cluster's admin token, prints one line with the fault id and its description.
 */
abstract class FaultAdminCommand implements Callable<Integer> {

  @ParentCommand private FaultCommand fault;

  @Mixin private DestinationOptions where;

  @Parameters(
      paramLabel = "SERVICE",
      description = "order-service, inventory-service, notification-service (or order, ...)")
  private String service;

  @Override
  public Integer call() {
    LabContext lab = fault.context();
    Part part = service(service);
    FaultSpec spec = spec(part.displayName());
    Destination destination = where.destination();
    try (AdminClient client =
        lab.admin(lab.target(destination.target()), part, destination.address())) {
      Fault made = client.inject(spec);
      lab.out().println(AdminSpecs.injected(part.displayName(), made, Clock.systemUTC()));
    }
    return 0;
  }

  /** The spec to inject into {@code service}. */
  abstract FaultSpec spec(String service);

  /** A service by name; a broker or an unknown name is bad usage. */
  static Part service(String name) {
    return Part.byName(name)
        .filter(Part::isService)
        .orElseThrow(
            () ->
                LabException.usage(
                    "application faults act on a service: order-service, inventory-service or"
                        + " notification-service (or order, inventory, notification), was '"
                        + name
                        + "'"));
  }
}
