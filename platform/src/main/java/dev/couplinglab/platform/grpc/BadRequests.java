package dev.couplinglab.platform.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds {@code INVALID_ARGUMENT} errors whose description lists every bad field and whose details
 * carry a {@code google.rpc.BadRequest}, so a client can show all problems at once.
 */
public final class BadRequests {

  private BadRequests() {}

  public static StatusRuntimeException invalidArgument(List<Violation> violations) {
    String description =
        violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    BadRequest.Builder details = BadRequest.newBuilder();
    for (Violation v : violations) {
      details.addFieldViolations(
          BadRequest.FieldViolation.newBuilder().setField(v.field()).setDescription(v.problem()));
    }
    com.google.rpc.Status status =
        com.google.rpc.Status.newBuilder()
            .setCode(Code.INVALID_ARGUMENT_VALUE)
            .setMessage(description)
            .addDetails(Any.pack(details.build()))
            .build();
    return StatusProto.toStatusRuntimeException(status);
  }
}
