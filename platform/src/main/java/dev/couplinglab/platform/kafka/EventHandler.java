package dev.couplinglab.platform.kafka;

import com.google.protobuf.Message;
import java.sql.SQLException;

/**
 * Applies one event. Must be idempotent by event id (see {@link
 * dev.couplinglab.platform.store.Inbox}): a record can be delivered again after a crash or a
 * rebalance.
 *
 * <p>Throw {@link PoisonEventException} for an event that can never succeed; {@link SQLException}
 * for a failure that may pass (the record is retried with backoff).
 */
@FunctionalInterface
public interface EventHandler<V extends Message> {
  /**
   * @param traceId the W3C trace id of the record's trace ("" when it carried none); its span is
   *     current while this runs
   */
  void handle(V event, String traceId) throws PoisonEventException, SQLException;
}
