package dev.couplinglab.lab.admin;

import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.GetResilienceRequest;
import dev.couplinglab.contracts.v1.ListFaultsRequest;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client of one service's AdminService (and order-service's ResilienceService) that sends the
 * admin token as {@code authorization: Bearer <token>}. Errors are the calls' {@code
 * StatusRuntimeException}s.
 */
public final class AdminClient implements AutoCloseable {

  /** Bound of one admin call; a poison fault may wait up to 10 s for Kafka. */
  static final Duration CALL_BOUND = Duration.ofSeconds(5);

  static final Duration POISON_BOUND = Duration.ofSeconds(15);

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String service;
  private final ManagedChannel channel;
  private final boolean ownsChannel;
  private final AdminServiceGrpc.AdminServiceBlockingStub admin;
  private final ResilienceServiceGrpc.ResilienceServiceBlockingStub resilience;

  private AdminClient(String service, ManagedChannel channel, boolean ownsChannel, String token) {
    this.service = service;
    this.channel = channel;
    this.ownsChannel = ownsChannel;
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, "Bearer " + token);
    this.admin =
        AdminServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    this.resilience =
        ResilienceServiceGrpc.newBlockingStub(channel)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  /** A client on a channel of its own, shut down when the client closes. */
  public static AdminClient connect(String service, String address, String token) {
    return new AdminClient(
        service, ManagedChannelBuilder.forTarget(address).usePlaintext().build(), true, token);
  }

  /** A client on {@code kept}'s channel to {@code address}, which stays open when it closes. */
  public static AdminClient over(AdminChannels kept, String service, String address, String token) {
    return new AdminClient(service, kept.to(address), false, token);
  }

  public String service() {
    return service;
  }

  public Fault inject(FaultSpec spec) {
    Duration bound = spec.hasPoison() ? POISON_BOUND : CALL_BOUND;
    return admin.withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS).injectFault(spec);
  }

  public List<Fault> list(Duration bound) {
    return admin
        .withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS)
        .listFaults(ListFaultsRequest.getDefaultInstance())
        .getFaultsList();
  }

  /** Clears one fault by id, or every fault when {@code id} is empty; answers how many went. */
  public int clear(String id, Duration bound) {
    return admin
        .withDeadlineAfter(bound.toMillis(), TimeUnit.MILLISECONDS)
        .clearFaults(ClearFaultsRequest.newBuilder().setId(id).build())
        .getRemoved();
  }

  public ResilienceSettings resilience() {
    return resilience
        .withDeadlineAfter(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .getResilience(GetResilienceRequest.getDefaultInstance());
  }

  public ResilienceSettings setResilience(ResilienceSettings settings) {
    return resilience
        .withDeadlineAfter(CALL_BOUND.toMillis(), TimeUnit.MILLISECONDS)
        .setResilience(settings);
  }

  @Override
  public void close() {
    if (!ownsChannel) {
      return;
    }
    channel.shutdownNow();
    try {
      channel.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
