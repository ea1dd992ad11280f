package dev.couplinglab.lab.admin;

import java.util.List;

/** Which services of a cluster can be asked for their admin faults, and a client to each. */
public interface AdminAccess {

  /** The services that may answer (local: those running; compose: all three). */
  List<String> services();

  /** A client to {@code service}'s admin API, with the cluster's token. */
  AdminClient open(String service);
}
