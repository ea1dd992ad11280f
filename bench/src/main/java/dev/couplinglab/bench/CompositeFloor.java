package dev.couplinglab.bench;

/**
 * What each style's chain would cost with no business code: its hops at the bare transport's p50
 * plus its durable commits at the bare store's p50, all three floors measured in the same run on
 * the same warm machine. It is a sum of medians, not a chain that was run: no hand-offs between a
 * hop and a commit, no queueing between them, so it is a floor the real chain cannot reach.
 *
 * <ul>
 *   <li>sync: 3 gRPC round trips (client to order-service, Reserve, Notify) and 5 commits (the new
 *       order, the reservation, the outcome, the notification, the notified mark);
 *   <li>async end to end: 3 Kafka hops ({@code orders}, {@code inventory}, {@code notifications})
 *       and 4 commits (the order with its outbox row, inventory's handler, order-service's handler
 *       of the outcome, notification-service's handler); the client's one-way trip to order-service
 *       is left out, which lowers this floor.
 * </ul>
 */
record CompositeFloor(double syncMicros, double asyncEndToEndMicros) {

  static final int SYNC_ROUND_TRIPS = 3;
  static final int SYNC_COMMITS = 5;
  static final int ASYNC_HOPS = 3;
  static final int ASYNC_COMMITS = 4;

  static CompositeFloor of(Latency grpc, Latency kafka, Latency commit) {
    return new CompositeFloor(
        SYNC_ROUND_TRIPS * grpc.p50() + SYNC_COMMITS * commit.p50(),
        ASYNC_HOPS * kafka.p50() + ASYNC_COMMITS * commit.p50());
  }

  /** "3 x gRPC p50 + 5 x commit p50". */
  static String syncShape() {
    return SYNC_ROUND_TRIPS + " x gRPC p50 + " + SYNC_COMMITS + " x commit p50";
  }

  /** "3 x Kafka p50 + 4 x commit p50". */
  static String asyncShape() {
    return ASYNC_HOPS + " x Kafka p50 + " + ASYNC_COMMITS + " x commit p50";
  }
}
