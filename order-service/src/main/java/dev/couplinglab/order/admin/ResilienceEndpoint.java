package dev.couplinglab.order.admin;

import com.google.protobuf.Descriptors.FieldDescriptor;
import dev.couplinglab.contracts.Service;
import dev.couplinglab.contracts.v1.GetResilienceRequest;
import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceCounters;
import dev.couplinglab.contracts.v1.ResilienceServiceGrpc;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.order.api.EntryPools;
import dev.couplinglab.order.flow.CallPolicy;
import dev.couplinglab.order.flow.Resilience;
import dev.couplinglab.order.repair.Repairs;
import dev.couplinglab.platform.grpc.BadRequests;
import dev.couplinglab.platform.grpc.StoreErrors;
import dev.couplinglab.platform.validation.Violation;
import io.grpc.stub.StreamObserver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ResilienceService endpoint: reads and changes the sync chain's {@link CallPolicy}, its repair
 * mode and where sync PlaceOrders run ({@link EntryPools}). A Set changes only the fields it
 * carries; one INFO line says what changed.
 */
public final class ResilienceEndpoint extends ResilienceServiceGrpc.ResilienceServiceImplBase {

  private static final Logger log = LoggerFactory.getLogger(ResilienceEndpoint.class);

  private final Resilience resilience;
  private final Repairs repairs;
  private final EntryPools pools;

  public ResilienceEndpoint(Resilience resilience, Repairs repairs, EntryPools pools) {
    this.resilience = resilience;
    this.repairs = repairs;
    this.pools = pools;
  }

  @Override
  public void getResilience(
      GetResilienceRequest request, StreamObserver<ResilienceSettings> response) {
    try {
      response.onNext(now(resilience.policy()));
      response.onCompleted();
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.ORDER, e));
    }
  }

  @Override
  public void setResilience(
      ResilienceSettings request, StreamObserver<ResilienceSettings> response) {
    List<Violation> violations = validate(request);
    if (!violations.isEmpty()) {
      response.onError(BadRequests.invalidArgument(violations));
      return;
    }
    try {
      ResilienceSettings before = now(resilience.policy());
      CallPolicy after = resilience.update(current -> merge(current, request));
      if (request.hasRepair()) {
        repairs.mode(
            request.getRepair() == RepairMode.REPAIR_NONE
                ? dev.couplinglab.order.repair.RepairMode.NONE
                : dev.couplinglab.order.repair.RepairMode.DURABLE);
      }
      if (request.hasSharedEntryPool()) {
        pools.setShared(request.getSharedEntryPool());
      }
      ResilienceSettings answer = now(after);
      log.info("Resilience settings changed: {}", changes(before, answer));
      response.onNext(answer);
      response.onCompleted();
    } catch (SQLException e) {
      response.onError(StoreErrors.unavailable(Service.ORDER, e));
    }
  }

  private ResilienceSettings now(CallPolicy policy) throws SQLException {
    return toProto(policy, resilience.counters(), repairs.mode(), repairs.counters(), pools);
  }

  static List<Violation> validate(ResilienceSettings s) {
    List<Violation> out = new ArrayList<>();
    range(
        out,
        s.hasInventoryDeadlineMs(),
        "inventory_deadline_ms",
        s.getInventoryDeadlineMs(),
        1,
        600_000);
    range(
        out,
        s.hasNotificationDeadlineMs(),
        "notification_deadline_ms",
        s.getNotificationDeadlineMs(),
        1,
        600_000);
    range(out, s.hasMaxAttempts(), "max_attempts", s.getMaxAttempts(), 1, 5);
    range(out, s.hasBackoffMs(), "backoff_ms", s.getBackoffMs(), 0, 60_000);
    range(
        out,
        s.hasFailureRateThreshold(),
        "failure_rate_threshold",
        s.getFailureRateThreshold(),
        1,
        100);
    range(out, s.hasOpenMs(), "open_ms", s.getOpenMs(), 1, 600_000);
    range(
        out, s.hasBreakerWindowCalls(), "breaker_window_calls", s.getBreakerWindowCalls(), 1, 1000);
    range(out, s.hasMaxConcurrent(), "max_concurrent", s.getMaxConcurrent(), 1, 10_000);
    if (s.hasRepair()
        && s.getRepair() != RepairMode.REPAIR_NONE
        && s.getRepair() != RepairMode.REPAIR_DURABLE) {
      out.add(new Violation("repair", "must be REPAIR_NONE or REPAIR_DURABLE"));
    }
    return out;
  }

  private static void range(
      List<Violation> out, boolean present, String field, int value, int min, int max) {
    if (present && (value < min || value > max)) {
      out.add(new Violation(field, "must be from " + min + " to " + max));
    }
  }

  private static CallPolicy merge(CallPolicy p, ResilienceSettings s) {
    return new CallPolicy(
        s.hasInventoryDeadlineMs() ? ms(s.getInventoryDeadlineMs()) : p.inventoryDeadline(),
        s.hasNotificationDeadlineMs()
            ? ms(s.getNotificationDeadlineMs())
            : p.notificationDeadline(),
        s.hasMaxAttempts() ? s.getMaxAttempts() : p.maxAttempts(),
        s.hasBackoffMs() ? ms(s.getBackoffMs()) : p.backoff(),
        s.hasCircuitBreakerEnabled() ? s.getCircuitBreakerEnabled() : p.breakerEnabled(),
        s.hasFailureRateThreshold() ? s.getFailureRateThreshold() : p.failureRateThreshold(),
        s.hasOpenMs() ? ms(s.getOpenMs()) : p.openDuration(),
        s.hasBreakerWindowCalls() ? s.getBreakerWindowCalls() : p.breakerWindowCalls(),
        s.hasBulkheadEnabled() ? s.getBulkheadEnabled() : p.bulkheadEnabled(),
        s.hasMaxConcurrent() ? s.getMaxConcurrent() : p.maxConcurrent());
  }

  /** E.g. "max_attempts 1 -> 3, backoff_ms 50 -> 10", or "nothing". */
  private static String changes(ResilienceSettings before, ResilienceSettings after) {
    List<String> out = new ArrayList<>();
    for (FieldDescriptor field : ResilienceSettings.getDescriptor().getFields()) {
      if (field.getType() != FieldDescriptor.Type.MESSAGE
          && !before.getField(field).equals(after.getField(field))) {
        out.add(field.getName() + " " + before.getField(field) + " -> " + after.getField(field));
      }
    }
    return out.isEmpty() ? "nothing" : String.join(", ", out);
  }

  private static Duration ms(int millis) {
    return Duration.ofMillis(millis);
  }

  static ResilienceSettings toProto(
      CallPolicy p,
      Resilience.Counters c,
      dev.couplinglab.order.repair.RepairMode mode,
      Repairs.Counters r,
      EntryPools pools) {

    return ResilienceSettings.newBuilder()
        .setInventoryDeadlineMs((int) p.inventoryDeadline().toMillis())
        .setNotificationDeadlineMs((int) p.notificationDeadline().toMillis())
        .setMaxAttempts(p.maxAttempts())
        .setBackoffMs((int) p.backoff().toMillis())
        .setCircuitBreakerEnabled(p.breakerEnabled())
        .setFailureRateThreshold(p.failureRateThreshold())
        .setOpenMs((int) p.openDuration().toMillis())
        .setBreakerWindowCalls(p.breakerWindowCalls())
        .setBulkheadEnabled(p.bulkheadEnabled())
        .setMaxConcurrent(p.maxConcurrent())
        .setRepair(
            mode == dev.couplinglab.order.repair.RepairMode.NONE
                ? RepairMode.REPAIR_NONE
                : RepairMode.REPAIR_DURABLE)
        .setSharedEntryPool(pools.shared())
        .setCounters(
            ResilienceCounters.newBuilder()
                .setRetries(c.retries())
                .setRejectedByBreaker(c.rejectedByBreaker())
                .setRejectedByBulkhead(c.rejectedByBulkhead())
                .setInventoryBreakerState(c.inventoryBreakerState())
                .setNotificationBreakerState(c.notificationBreakerState())
                .setRepairsRecorded(r.recorded())
                .setRepairsDone(r.done())
                .setRepairsPending(r.pending())
                .setLongestRepairMs(r.longestMillis())
                .setRejectedBySyncPool(pools.refused())
                .setSyncPoolQueued(pools.queued()))
        .build();
  }
}
