package dev.couplinglab.experiment.load;

import dev.couplinglab.contracts.v1.OrderState;
import dev.couplinglab.experiment.model.RunStyle;

/**
 * What the client saw of one order of the run. Times are nanoseconds after the load start; -1 means
 * "did not happen". Written by the gRPC callback threads (each field once, in order), read after
 * the run.
 */
public final class OrderRecord {

  /** How the client learned the final state. */
  public enum FinalVia {
    ANSWER,
    WATCH,
    POLL
  }

  private final RunStyle style;
  private final int seq;
  private final String orderId;
  private final long intendedNanos;
  private volatile long sentNanos = -1;
  private volatile long answeredNanos = -1;
  private volatile String errorCode;
  private volatile OrderState answerState;
  private volatile long finalNanos = -1;
  private volatile OrderState finalState;
  private volatile String rejectReason;
  private volatile FinalVia finalVia;
  private volatile String traceId;

  public OrderRecord(RunStyle style, int seq, String orderId, long intendedNanos) {
    this.style = style;
    this.seq = seq;
    this.orderId = orderId;
    this.intendedNanos = intendedNanos;
  }

  /** A finished record, for tests and for reading back raw data. */
  public static OrderRecord of(
      RunStyle style,
      int seq,
      long intendedNanos,
      long sentNanos,
      long answeredNanos,
      String errorCode,
      OrderState answerState,
      long finalNanos,
      OrderState finalState) {
    OrderRecord r = new OrderRecord(style, seq, style.text() + "-" + seq, intendedNanos);
    r.sent(sentNanos);
    if (errorCode != null) {
      r.failed(answeredNanos, errorCode);
    } else if (answeredNanos >= 0) {
      r.answered(answeredNanos, answerState);
    }
    if (finalNanos >= 0) {
      r.finished(finalNanos, finalState, null, FinalVia.WATCH);
    }
    return r;
  }

  /** Marks the order as sent with a trace context (by the generator, or reading back raw data). */
  public void traced(String traceId) {
    this.traceId = traceId;
  }

  /** The W3C trace id the client sent this order with, or null when it sent none. */
  public String traceId() {
    return traceId;
  }

  void sent(long nanos) {
    sentNanos = nanos;
  }

  void answered(long nanos, OrderState state) {
    answerState = state;
    answeredNanos = nanos;
  }

  void failed(long nanos, String code) {
    errorCode = code;
    answeredNanos = nanos;
  }

  /** Records the final state once; later reports of the same order change nothing. */
  synchronized boolean finished(long nanos, OrderState state, String reason, FinalVia via) {
    if (finalState != null) {
      return false;
    }
    rejectReason = reason;
    finalVia = via;
    finalNanos = nanos;
    finalState = state;
    return true;
  }

  public RunStyle style() {
    return style;
  }

  public int seq() {
    return seq;
  }

  public String orderId() {
    return orderId;
  }

  public long intendedNanos() {
    return intendedNanos;
  }

  public long sentNanos() {
    return sentNanos;
  }

  public long answeredNanos() {
    return answeredNanos;
  }

  /** The gRPC status code name of a failed PlaceOrder, or null. */
  public String errorCode() {
    return errorCode;
  }

  /** True when PlaceOrder answered with an order (accepted). */
  public boolean accepted() {
    return answeredNanos >= 0 && errorCode == null;
  }

  public OrderState answerState() {
    return answerState;
  }

  public long finalNanos() {
    return finalNanos;
  }

  public OrderState finalState() {
    return finalState;
  }

  public String rejectReason() {
    return rejectReason;
  }

  public FinalVia finalVia() {
    return finalVia;
  }

  /** Accept latency from the intended send time, or -1. */
  public long acceptLatencyNanos() {
    return answeredNanos < 0 ? -1 : answeredNanos - intendedNanos;
  }

  /** End-to-end latency from the intended send time to the final state, or -1. */
  public long endToEndNanos() {
    return finalNanos < 0 ? -1 : finalNanos - intendedNanos;
  }

  public static boolean isFinal(OrderState state) {
    return state == OrderState.CONFIRMED
        || state == OrderState.REJECTED
        || state == OrderState.FAILED;
  }
}
