package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.target.Destination;
import io.grpc.ConnectivityState;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A plaintext channel to one service of the cluster, closed after the command. */
final class Connection implements AutoCloseable {

  private final ManagedChannel channel;
  private final String address;

  private Connection(String address) {
    this.address = address;
    this.channel = ManagedChannelBuilder.forTarget(address).usePlaintext().build();
  }

  /** Connects to the destination's address if it has one, else to {@code part} of its target. */
  static Connection to(LabContext lab, Part part, Destination destination) {
    return new Connection(lab.address(part, destination));
  }

  ManagedChannel channel() {
    return channel;
  }

  /** The host:port this connection goes to. */
  String address() {
    return address;
  }

  /**
   * Opens the connection before a timed call, so a latency shows the call, not the TCP and HTTP/2
   * handshakes. Returns early when the connection fails: the call then reports why.
   */
  void warmUp(Deadline deadline) throws InterruptedException {
    ConnectivityState state = channel.getState(true);
    while (state != ConnectivityState.READY
        && state != ConnectivityState.TRANSIENT_FAILURE
        && !deadline.isExpired()) {
      CountDownLatch changed = new CountDownLatch(1);
      channel.notifyWhenStateChanged(state, changed::countDown);
      changed.await(deadline.timeRemaining(TimeUnit.MILLISECONDS), TimeUnit.MILLISECONDS);
      state = channel.getState(true);
    }
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    channel.awaitTermination(1, TimeUnit.SECONDS);
  }
}
