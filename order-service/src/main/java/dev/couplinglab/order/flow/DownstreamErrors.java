package dev.couplinglab.order.flow;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.ErrorInfo;
import dev.couplinglab.contracts.v1.RejectReason;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

/** How the sync chain reads a downstream failure and passes it on to its own client. */
final class DownstreamErrors {

  private DownstreamErrors() {}

  /** A Reserve that timed out or was cancelled may still have been applied. */
  static boolean outcomeUnknown(Status.Code code) {
    return code == Status.Code.DEADLINE_EXCEEDED
        || code == Status.Code.CANCELLED
        || code == Status.Code.UNKNOWN
        || code == Status.Code.INTERNAL;
  }

  /**
   * Passes on codes that mean something to the client. UNKNOWN is what grpc-java reports when the
   * connection dies mid-call ("channel closed"): to the client that is the dependency going away,
   * so UNAVAILABLE. Anything else is a bug somewhere downstream: INTERNAL.
   */
  static StatusRuntimeException toClient(Status status, String description, Throwable cause) {
    Status.Code code =
        switch (status.getCode()) {
          case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED, RESOURCE_EXHAUSTED -> status.getCode();
          case UNKNOWN -> Status.Code.UNAVAILABLE;
          default -> Status.Code.INTERNAL;
        };
    return code.toStatus().withDescription(description).withCause(cause).asRuntimeException();
  }

  /** The reject reason inventory-service put in an ErrorInfo detail; short stock if none. */
  static RejectReason rejectReason(StatusRuntimeException e) {
    com.google.rpc.Status details = StatusProto.fromThrowable(e);
    if (details != null) {
      for (Any any : details.getDetailsList()) {
        if (any.is(ErrorInfo.class)) {
          try {
            return RejectReason.valueOf(any.unpack(ErrorInfo.class).getReason());
          } catch (InvalidProtocolBufferException | IllegalArgumentException ignored) {
            // fall through to the default
          }
        }
      }
    }
    return RejectReason.INSUFFICIENT_STOCK;
  }
}
