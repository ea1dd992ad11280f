package dev.couplinglab.platform.admin;

import dev.couplinglab.platform.grpc.UnexpectedErrors;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.Producer;

/**
 * What a service adds to its {@link dev.couplinglab.platform.grpc.GrpcServer} for fault injection:
 * the AdminService (plus any service-specific admin service, e.g. order-service's resilience
 * settings), all behind {@link AdminAuth}, and the {@link FaultInterceptor} for its business
 * services.
 */
public final class AdminApi {

  private final AdminSettings settings;
  private final FaultRegistry faults;
  private final List<BindableService> services;

  private AdminApi(AdminSettings settings, FaultRegistry faults, List<BindableService> services) {
    this.settings = settings;
    this.faults = faults;
    this.services = services;
  }

  /**
   * @param poisonProducer a producer the service already has (e.g. its dead-letter producer), or
   *     null: poison faults are then refused
   * @param extra more admin services, guarded by the same token
   */
  public static AdminApi create(
      AdminSettings settings,
      FaultRegistry faults,
      Producer<String, byte[]> poisonProducer,
      BindableService... extra) {
    List<BindableService> services = new ArrayList<>();
    services.add(
        new AdminGrpcService(
            faults, poisonProducer == null ? null : new PoisonPublisher(poisonProducer)));
    services.addAll(List.of(extra));
    return new AdminApi(settings, faults, List.copyOf(services));
  }

  public AdminSettings settings() {
    return settings;
  }

  /**
   * The admin services, authentication outermost: nothing runs for a refused call.
   *
   * @param tracing the server's span interceptor
   */
  public List<ServerServiceDefinition> definitions(ServerInterceptor tracing) {
    return services.stream()
        .map(
            s ->
                ServerInterceptors.intercept(
                    s, new UnexpectedErrors(), tracing, new AdminAuth(settings)))
        .toList();
  }

  public FaultInterceptor faultInterceptor() {
    return new FaultInterceptor(faults);
  }
}
