package dev.couplinglab.platform.admin;

import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.ClearFaultsResponse;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.ListFaultsRequest;
import dev.couplinglab.contracts.v1.ListFaultsResponse;
import dev.couplinglab.platform.grpc.BadRequests;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** The AdminService endpoint: validates, then hands faults to the registry or the publisher. */
public final class AdminGrpcService extends AdminServiceGrpc.AdminServiceImplBase {

  private final FaultRegistry faults;
  private final PoisonPublisher poison;

  /**
   * @param poison how poison faults are published, or null when the server has no producer
   */
  public AdminGrpcService(FaultRegistry faults, PoisonPublisher poison) {
    this.faults = faults;
    this.poison = poison;
  }

  @Override
  public void injectFault(FaultSpec spec, StreamObserver<Fault> response) {
    List<Violation> violations = FaultSpecs.validate(spec);
    if (!violations.isEmpty()) {
      response.onError(BadRequests.invalidArgument(violations));
      return;
    }
    if (spec.hasPoison()) {
      injectPoison(spec, response);
      return;
    }
    response.onNext(faults.add(spec));
    response.onCompleted();
  }

  private void injectPoison(FaultSpec spec, StreamObserver<Fault> response) {
    if (poison == null) {
      response.onError(
          Status.FAILED_PRECONDITION
              .withDescription("this server has no Kafka producer to publish poison with")
              .asRuntimeException());
      return;
    }
    String id = FaultRegistry.newId();
    try {
      int sent = poison.publish(id, spec.getPoison());
      response.onNext(faults.oneShot(id, spec, sent));
      response.onCompleted();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      response.onError(Status.CANCELLED.withDescription("interrupted").asRuntimeException());
    } catch (ExecutionException | TimeoutException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      response.onError(
          Status.UNAVAILABLE
              .withDescription(
                  "cannot publish poison to " + spec.getPoison().getTopic() + ": " + cause)
              .asRuntimeException());
    }
  }

  @Override
  public void listFaults(ListFaultsRequest request, StreamObserver<ListFaultsResponse> response) {
    response.onNext(ListFaultsResponse.newBuilder().addAllFaults(faults.list()).build());
    response.onCompleted();
  }

  @Override
  public void clearFaults(
      ClearFaultsRequest request, StreamObserver<ClearFaultsResponse> response) {
    int removed = faults.clear(request.getId());
    response.onNext(ClearFaultsResponse.newBuilder().setRemoved(removed).build());
    response.onCompleted();
  }
}
