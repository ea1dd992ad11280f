package dev.couplinglab.lab;

import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.ClearFaultsResponse;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.GetResilienceRequest;
import dev.couplinglab.contracts.v1.ListFaultsRequest;
import dev.couplinglab.contracts.v1.ListFaultsResponse;
import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * AdminService and ResilienceService over real TCP with fixed answers. It records every spec and
 * settings request and the authorization header, and refuses any token but {@link #TOKEN} with
 * PERMISSION_DENIED, as the services do.
 */
final class FakeAdminService implements AutoCloseable {

  static final String TOKEN = "0123456789abcdef0123456789abcdef";

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  final List<FaultSpec> injected = new CopyOnWriteArrayList<>();
  final List<ResilienceSettings> settings = new CopyOnWriteArrayList<>();
  final List<String> authorizations = new CopyOnWriteArrayList<>();

  /** The client's address of every call: one per connection the calls came on. */
  final List<String> peers = new CopyOnWriteArrayList<>();

  private final Server server;

  FakeAdminService() throws IOException {
    ServerInterceptor auth =
        new ServerInterceptor() {
          @Override
          public <Q, A> ServerCall.Listener<Q> interceptCall(
              ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
            String header = headers.get(AUTHORIZATION);
            authorizations.add(String.valueOf(header));
            peers.add(String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)));
            if (!("Bearer " + TOKEN).equals(header)) {
              call.close(
                  Status.PERMISSION_DENIED.withDescription("wrong admin token"), new Metadata());
              return new ServerCall.Listener<>() {};
            }
            return next.startCall(call, headers);
          }
        };
    this.server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(ServerInterceptors.intercept(new Admin(), auth))
            .addService(ServerInterceptors.intercept(new Resilience(), auth))
            .build()
            .start();
  }

  String address() {
    return "localhost:" + server.getPort();
  }

  private final class Admin extends AdminServiceGrpc.AdminServiceImplBase {
    @Override
    public void injectFault(FaultSpec request, StreamObserver<Fault> response) {
      injected.add(request);
      response.onNext(
          Fault.newBuilder()
              .setId("f-0000000" + injected.size())
              .setSpec(request)
              .setDescription("described by the service")
              .setFired(request.hasPoison() ? request.getPoison().getCount() : 0)
              .build());
      response.onCompleted();
    }

    @Override
    public void listFaults(ListFaultsRequest request, StreamObserver<ListFaultsResponse> response) {
      response.onNext(
          ListFaultsResponse.newBuilder()
              .addFaults(
                  Fault.newBuilder()
                      .setId("f-00000001")
                      .setDescription("latency 300 ms on Reserve")
                      .setFired(0))
              .build());
      response.onCompleted();
    }

    @Override
    public void clearFaults(
        ClearFaultsRequest request, StreamObserver<ClearFaultsResponse> response) {
      response.onNext(ClearFaultsResponse.newBuilder().setRemoved(1).build());
      response.onCompleted();
    }
  }

  private final class Resilience extends ResilienceServiceGrpc.ResilienceServiceImplBase {
    @Override
    public void getResilience(
        GetResilienceRequest request, StreamObserver<ResilienceSettings> response) {
      response.onNext(current());
      response.onCompleted();
    }

    @Override
    public void setResilience(
        ResilienceSettings request, StreamObserver<ResilienceSettings> response) {
      settings.add(request);
      response.onNext(current().toBuilder().mergeFrom(request).build());
      response.onCompleted();
    }
  }

  private static ResilienceSettings current() {
    return ResilienceSettings.newBuilder()
        .setInventoryDeadlineMs(2000)
        .setNotificationDeadlineMs(2000)
        .setMaxAttempts(2)
        .setBackoffMs(50)
        .setCircuitBreakerEnabled(false)
        .setFailureRateThreshold(50)
        .setBreakerWindowCalls(10)
        .setOpenMs(10000)
        .setBulkheadEnabled(false)
        .setMaxConcurrent(10)
        .setRepair(RepairMode.REPAIR_DURABLE)
        .build();
  }

  @Override
  public void close() throws InterruptedException {
    server.shutdownNow();
    server.awaitTermination(5, TimeUnit.SECONDS);
  }
}
