package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.metrics.Samples;
import dev.couplinglab.experiment.metrics.StyleFigures;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The figures of the page's two lanes over one sampling window, from two scrapes of each service:
 * per style what the clients got (answers, errors by gRPC status, p50/p99 of the answer, p99 to the
 * final state) and what became of the orders; beside the sync lane the guards of the sync chain,
 * beside the async lane the queues of the async one (consumer lag, outbox backlog).
 */
final class Lanes {

  static final String FINAL = "couplinglab_orders_final_total";
  static final String BACKLOG = "couplinglab_outbox_backlog";
  static final String OLDEST = "couplinglab_outbox_oldest_age_seconds";
  static final String RETRIES = "couplinglab_sync_retries_total";
  static final String BREAKER_OPEN = "couplinglab_sync_breaker_open";
  static final String BULKHEAD = "couplinglab_sync_bulkhead_rejections_total";
  static final String SHED = "couplinglab_grpc_shed_total";
  static final String IN_FLIGHT = "rpc_server_in_flight";

  private Lanes() {}

  /**
   * One lane: per second, what the clients of one style got and what became of their orders.
   *
   * @param accepted PlaceOrder answered OK, per second
   * @param errors PlaceOrder answered with an error, per second
   * @param errorsByCode those errors in the window, by gRPC status
   * @param completed orders that reached CONFIRMED or REJECTED, per second
   * @param failed orders that reached FAILED, per second
   * @param answerP50Ms p50 of what the client waited for (sync: the outcome; async: the accept)
   * @param answerP99Ms p99 of the same
   * @param finalP99Ms p99 from PlaceOrder to the final state
   */
  record Lane(
      double accepted,
      double errors,
      Map<String, Long> errorsByCode,
      double completed,
      double failed,
      Double answerP50Ms,
      Double answerP99Ms,
      Double finalP99Ms) {}

  /**
   * Both lanes, and what stands between the hops of each style, over one window.
   *
   * @param brokerLag the consumer groups' lag as the brokers count it (committed offsets against
   *     the latest ones): unlike a consumer's own figure, it is there while the consumer is down
   */
  static Map<String, Object> between(
      Map<String, Samples> before,
      Map<String, Samples> after,
      double seconds,
      java.util.Optional<Long> brokerLag) {
    Samples orderBefore = before.getOrDefault("order-service", Samples.none());
    Samples orderAfter = after.getOrDefault("order-service", Samples.none());
    Map<String, Object> frame = new LinkedHashMap<>();
    for (String style : new String[] {"sync", "async"}) {
      frame.put(style, lane(style, orderBefore, orderAfter, seconds));
    }
    Map<String, Object> sync = new LinkedHashMap<>();
    sync.put("retries", rate(orderBefore, orderAfter, RETRIES, seconds));
    sync.put("bulkheadRejections", rate(orderBefore, orderAfter, BULKHEAD, seconds));
    sync.put("breakersOpen", orderAfter.sum(BREAKER_OPEN, s -> true));
    sync.put(
        "inFlight", orderAfter.sum(IN_FLIGHT, s -> s.label("grpc_method").equals("PlaceOrder")));
    frame.put("syncGuards", sync);
    Map<String, Object> async = new LinkedHashMap<>();
    double backlog = 0;
    double oldest = 0;
    double shed = 0;
    for (Map.Entry<String, Samples> e : after.entrySet()) {
      backlog += e.getValue().sum(BACKLOG, s -> true);
      oldest = Math.max(oldest, e.getValue().sum(OLDEST, s -> true));
      shed += rate(before.getOrDefault(e.getKey(), Samples.none()), e.getValue(), SHED, seconds);
    }
    async.put("consumerLag", brokerLag.orElse(null));
    async.put("outboxBacklog", backlog);
    async.put("outboxOldestSeconds", oldest);
    frame.put("asyncQueues", async);
    frame.put("shedPerSecond", shed);
    return frame;
  }

  static Lane lane(String style, Samples before, Samples after, double seconds) {
    StyleFigures f = StyleFigures.between(style, before, after, seconds);
    double errors = f.answeredPerSecond() * f.failedShare();
    double completed =
        finals(before, after, style, "CONFIRMED") + finals(before, after, style, "REJECTED");
    double failed = finals(before, after, style, "FAILED");
    return new Lane(
        f.answeredPerSecond() - errors,
        errors,
        f.failedByCode(),
        completed / seconds,
        failed / seconds,
        millis(f.answerP50Seconds()),
        millis(f.answerP99Seconds()),
        millis(f.completionP99Seconds()));
  }

  /** Milliseconds, or null for a window with no observation (JSON has no NaN). */
  private static Double millis(double seconds) {
    return Double.isFinite(seconds) ? seconds * 1000 : null;
  }

  private static double finals(Samples before, Samples after, String style, String state) {
    return Math.max(
        0,
        after.sum(FINAL, s -> s.label("style").equals(style) && s.label("state").equals(state))
            - before.sum(
                FINAL, s -> s.label("style").equals(style) && s.label("state").equals(state)));
  }

  private static double rate(Samples before, Samples after, String name, double seconds) {
    return Math.max(0, after.sum(name, s -> true) - before.sum(name, s -> true)) / seconds;
  }
}
