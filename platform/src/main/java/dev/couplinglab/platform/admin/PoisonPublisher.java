package dev.couplinglab.platform.admin;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.PoisonFault;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes poison records for a {@link PoisonFault}, through a producer the service already has.
 * Each record is a truncated protobuf message that no event type of the system parses, keyed {@code
 * poison-<fault id>-<n>} and carrying the {@code fault-id} header, so the consumer parks it on the
 * dead-letter topic and the user can find it there.
 */
public final class PoisonPublisher {

  /** Field 1 (every event's meta) announcing 127 bytes, then the record ends. */
  private static final byte[] UNPARSEABLE = {0x0A, 0x7F, 0x01};

  private static final long SEND_TIMEOUT_MS = 10_000;
  private static final Logger log = LoggerFactory.getLogger(PoisonPublisher.class);

  private final Producer<String, byte[]> producer;

  public PoisonPublisher(Producer<String, byte[]> producer) {
    this.producer = producer;
  }

  /** Sends every record and waits for the acknowledgements; returns how many were written. */
  public int publish(String faultId, PoisonFault fault)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<Future<RecordMetadata>> acks = new ArrayList<>();
    for (int i = 1; i <= fault.getCount(); i++) {
      ProducerRecord<String, byte[]> record =
          new ProducerRecord<>(fault.getTopic(), "poison-" + faultId + "-" + i, UNPARSEABLE);
      record.headers().add(Topics.HEADER_FAULT_ID, utf8(faultId));
      acks.add(producer.send(record));
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEND_TIMEOUT_MS);
    for (Future<RecordMetadata> ack : acks) {
      ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
    log.info(
        "Fault {}: published {} unparseable records to {}",
        faultId,
        fault.getCount(),
        fault.getTopic());
    return acks.size();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
