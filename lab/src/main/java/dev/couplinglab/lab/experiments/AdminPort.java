package dev.couplinglab.lab.experiments;

import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;

/** The admin API of the cluster's services, as the fault driver uses it. */
public interface AdminPort {

  /** Injects {@code spec} into {@code service} and answers the fault made. */
  Fault inject(String service, FaultSpec spec);

  /** Clears one fault of {@code service} by id; answers how many were removed (0: expired). */
  int clear(String service, String faultId);
}
