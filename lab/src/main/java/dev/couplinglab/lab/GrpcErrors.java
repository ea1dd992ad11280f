package dev.couplinglab.lab;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** Turns a failed call into one line a person can act on: {@code UNAVAILABLE: <why>}. */
public final class GrpcErrors {

  private GrpcErrors() {}

  public static String describe(StatusRuntimeException e) {
    Status status = e.getStatus();
    StringBuilder line = new StringBuilder(status.getCode().name());
    if (status.getDescription() != null) {
      line.append(": ").append(status.getDescription());
    }
    // "io exception" alone says little; the cause says "Connection refused: localhost/...".
    Throwable cause = status.getCause();
    if (cause != null && cause.getMessage() != null) {
      line.append(" (").append(withoutSyscall(cause.getMessage())).append(')');
    }
    return line.toString();
  }

  /** Netty writes "finishConnect(..) failed with error(-111): Connection refused: ...". */
  private static String withoutSyscall(String message) {
    int end = message.lastIndexOf("): ");
    return message.contains("failed with error(") && end >= 0
        ? message.substring(end + 3)
        : message;
  }
}
