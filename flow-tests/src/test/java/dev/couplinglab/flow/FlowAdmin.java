package dev.couplinglab.flow;

import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.platform.admin.AdminAuth;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/** The admin API of a service in a flow test, behind its token. */
final class FlowAdmin {

  private FlowAdmin() {}

  static AdminServiceGrpc.AdminServiceBlockingStub stub(Channel channel, String token) {
    Metadata headers = new Metadata();
    headers.put(AdminAuth.AUTHORIZATION, "Bearer " + token);
    return AdminServiceGrpc.newBlockingStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }
}
