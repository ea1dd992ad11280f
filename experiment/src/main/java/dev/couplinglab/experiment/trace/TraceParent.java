package dev.couplinglab.experiment.trace;

import io.grpc.Metadata;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C trace context the client starts an order's trace with: {@code 00-<trace id>-<parent id>-01}
 * in the {@code traceparent} header, flagged sampled, so the services trace that order whatever
 * their own sampling ratio (their sampler follows a sampled parent). The client exports no span of
 * its own, so the order's first span names a parent that is not in the trace ({@link Trace#root}).
 */
public record TraceParent(String traceId, String parentSpanId) {

  public static final Metadata.Key<String> HEADER =
      Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER);

  private static final HexFormat HEX = HexFormat.of();

  /** Fresh random ids (never all zero, which W3C forbids). */
  public static TraceParent sampled() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] trace = new byte[16];
    byte[] span = new byte[8];
    random.nextBytes(trace);
    random.nextBytes(span);
    trace[0] |= 1;
    span[0] |= 1;
    return new TraceParent(HEX.formatHex(trace), HEX.formatHex(span));
  }

  /** The header's value. */
  public String header() {
    return "00-" + traceId + "-" + parentSpanId + "-01";
  }

  /** The header as gRPC metadata, to attach to one call. */
  public Metadata metadata() {
    Metadata metadata = new Metadata();
    metadata.put(HEADER, header());
    return metadata;
  }
}
