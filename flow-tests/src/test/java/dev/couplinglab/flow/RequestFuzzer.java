package dev.couplinglab.flow;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends request bytes of its own making to every method of a gRPC service, whatever the method's
 * request type: random bytes, and a seeded set of mutations (a flipped byte, a truncation, an
 * invalid tag) of a few valid encodings. Collects the status each call ended with (OK for a call
 * that answered a message). Deterministic for a seed.
 */
final class RequestFuzzer {

  /** Passes the bytes through unchanged, both ways. */
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
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
      };

  private final Random random;

  RequestFuzzer(long seed) {
    this.random = new Random(seed);
  }

  /** Status codes seen, per full method name, for {@code perMethod} calls to each method. */
  Map<String, Map<Status.Code, Integer>> fuzz(
      Channel channel, ServiceDescriptor service, int perMethod) throws Exception {
    Map<String, Map<Status.Code, Integer>> seen = new TreeMap<>();
    for (MethodDescriptor<?, ?> method : service.getMethods()) {
      MethodDescriptor<byte[], byte[]> raw = method.toBuilder(BYTES, BYTES).build();
      Map<Status.Code, Integer> codes =
          seen.computeIfAbsent(method.getFullMethodName(), m -> new TreeMap<>());
      for (int i = 0; i < perMethod; i++) {
        codes.merge(call(channel, raw, next(i)), 1, Integer::sum);
      }
    }
    return seen;
  }

  /** Half random bytes, half mutations of small valid encodings. */
  private byte[] next(int i) {
    if (i % 2 == 0) {
      byte[] bytes = new byte[random.nextInt(65)];
      random.nextBytes(bytes);
      return bytes;
    }
    byte[] base = VALID.get(random.nextInt(VALID.size()));
    List<Byte> out = new ArrayList<>();
    for (byte b : base) {
      out.add(b);
    }
    switch (random.nextInt(4)) {
      case 0 -> {
        if (!out.isEmpty()) {
          int at = random.nextInt(out.size());
          out.set(at, (byte) (out.get(at) ^ (1 << random.nextInt(8))));
        }
      }
      case 1 -> {
        if (!out.isEmpty()) {
          out.subList(random.nextInt(out.size()), out.size()).clear();
        }
      }
      case 2 -> out.add(random.nextInt(out.size() + 1), (byte) 0xff);
      default -> out.add(0, (byte) (0x07 | (random.nextInt(16) << 3))); // wire type 7: invalid
    }
    byte[] bytes = new byte[out.size()];
    for (int k = 0; k < bytes.length; k++) {
      bytes[k] = out.get(k);
    }
    return bytes;
  }

  /**
   * Valid protobuf encodings that no handler accepts as a real request: a string field 1 of text
   * outside every id pattern, a varint field 3, a length-delimited field with a nested varint.
   */
  private static final List<byte[]> VALID =
      List.of(
          new byte[] {0x0a, 0x03, '?', '?', '?'},
          new byte[] {0x18, 0x05},
          new byte[] {0x12, 0x02, 0x08, 0x01},
          new byte[] {});

  /** The status a call with {@code request} ended with: OK once a first message arrived. */
  private static Status.Code call(
      Channel channel, MethodDescriptor<byte[], byte[]> method, byte[] request) throws Exception {
    ClientCall<byte[], byte[]> call =
        channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS));
    CompletableFuture<Status.Code> outcome = new CompletableFuture<>();
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            outcome.complete(Status.Code.OK);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            outcome.complete(status.getCode());
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(request);
    call.halfClose();
    Status.Code code = outcome.get(5, TimeUnit.SECONDS);
    call.cancel("fuzzer has its answer", null); // ends a stream (Watch) that would stay open
    return code;
  }
}
