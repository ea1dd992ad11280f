package dev.couplinglab.lab;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The base of an IT class on a real local cluster: {@link LabCluster} started once before the
 * class's tests and stopped after them. The IT classes run one after the other, each on its own.
 */
abstract class OnLabCluster {

  static LabCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = LabCluster.up();
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (cluster != null) {
      try {
        cluster.close();
      } finally {
        cluster = null;
      }
    }
  }
}
