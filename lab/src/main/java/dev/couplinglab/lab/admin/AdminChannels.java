package dev.couplinglab.lab.admin;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * gRPC channels to the services' admin APIs kept open for as long as their owner lives (the console
 * lists the faults every few seconds): one channel per address, opened on first use, so a listing
 * does not open and close a connection to each service. A command line makes one call and uses
 * {@link AdminClient#connect}, which owns its channel.
 */
public final class AdminChannels implements AutoCloseable {

  private final Map<String, ManagedChannel> byAddress = new ConcurrentHashMap<>();

  /**
   * The channel to {@code address}, ready to try again now: a service that was down put it in
   * connection back-off, and one just restarted must be asked at once.
   */
  ManagedChannel to(String address) {
    ManagedChannel channel =
        byAddress.computeIfAbsent(
            address, a -> ManagedChannelBuilder.forTarget(a).usePlaintext().build());
    channel.resetConnectBackoff();
    return channel;
  }

  @Override
  public void close() {
    byAddress.values().forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel channel : byAddress.values()) {
      try {
        channel.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    byAddress.clear();
  }
}
