package dev.couplinglab.platform.grpc;

import dev.couplinglab.contracts.Service;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The answer of a handler whose store failed: UNAVAILABLE, which a client may try again. */
public final class StoreErrors {

  private static final Logger log = LoggerFactory.getLogger(StoreErrors.class);

  private StoreErrors() {}

  /** Logs the failure and returns UNAVAILABLE, described as {@code <service> store unavailable}. */
  public static StatusRuntimeException unavailable(Service service, SQLException e) {
    log.warn("{} store failed: {}", service, e.toString());
    return Status.UNAVAILABLE
        .withDescription(service + " store unavailable: " + e.getMessage())
        .withCause(e)
        .asRuntimeException();
  }
}
