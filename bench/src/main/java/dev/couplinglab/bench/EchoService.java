package dev.couplinglab.bench;

import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A bare gRPC unary method on raw bytes (no proto, no interceptors, no store): the floor a service
 * call cannot go below. It answers every request with a fixed order-sized reply.
 */
final class EchoService {

  static final MethodDescriptor<byte[], byte[]> ECHO =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName("bench.Echo", "Echo"))
          .setRequestMarshaller(new BytesMarshaller())
          .setResponseMarshaller(new BytesMarshaller())
          .build();

  private EchoService() {}

  static ServerServiceDefinition definition(byte[] reply) {
    return ServerServiceDefinition.builder("bench.Echo")
        .addMethod(
            ECHO,
            ServerCalls.asyncUnaryCall(
                (request, observer) -> {
                  observer.onNext(reply);
                  observer.onCompleted();
                }))
        .build();
  }

  /** Bytes in, bytes out. */
  private static final class BytesMarshaller implements MethodDescriptor.Marshaller<byte[]> {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
