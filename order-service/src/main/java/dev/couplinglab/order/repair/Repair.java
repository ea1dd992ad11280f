package dev.couplinglab.order.repair;

/**
 * One row of the repairs table: a downstream call owed for an order.
 *
 * @param attempts attempts made so far (the chain's own first attempt included)
 * @param nextAttemptAtMicros when the worker may try next
 * @param createdAtMicros when the order state that owes it was written
 * @param lastError the last failure, for people; empty before the first
 */
public record Repair(
    String orderId,
    RepairKind kind,
    int attempts,
    long nextAttemptAtMicros,
    long createdAtMicros,
    String lastError) {}
