package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.LabException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.TypeConversionException;

/** Changes only the given fields of order-service's resilience settings. */
@Command(
    mixinStandardHelpOptions = true,
    name = "set",
    description = "Change order-service's resilience settings; only the given fields change.")
final class ResilienceSetCommand implements Callable<Integer> {

  @ParentCommand private ResilienceCommand parent;

  @Mixin private DestinationOptions where;

  @Option(
      names = "--deadline",
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "deadline of each call to inventory- and notification-service")
  Duration deadline;

  @Option(
      names = "--inventory-deadline",
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "deadline of each call to inventory-service only")
  Duration inventoryDeadline;

  @Option(
      names = "--notification-deadline",
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "deadline of each call to notification-service only")
  Duration notificationDeadline;

  @Option(names = "--max-attempts", paramLabel = "N", description = "1..5, retries on UNAVAILABLE")
  Integer maxAttempts;

  @Option(
      names = "--backoff",
      converter = BackoffConverter.class,
      paramLabel = "DURATION",
      description = "first pause between attempts (0ms allowed)")
  Duration backoff;

  @Option(
      names = "--breaker",
      arity = "1",
      converter = OnOff.class,
      paramLabel = "on|off",
      description = "a circuit breaker per downstream service")
  Boolean breaker;

  @Option(
      names = "--failure-rate",
      paramLabel = "PERCENT",
      description = "1..100: failures in the window that open the breaker")
  Integer failureRate;

  @Option(
      names = "--window",
      paramLabel = "CALLS",
      description = "1..1000: the calls the failure rate is judged over")
  Integer window;

  @Option(
      names = "--open",
      converter = Durations.class,
      paramLabel = "DURATION",
      description = "how long an open breaker waits before a trial call")
  Duration open;

  @Option(
      names = "--bulkhead",
      converter = Bulkhead.class,
      paramLabel = "N|off",
      description = "at most N calls in flight per downstream service, or off")
  Integer bulkhead;

  @Option(
      names = "--repair",
      converter = RepairConverter.class,
      paramLabel = "none|durable",
      description = "retry a failed Release or Notify until acknowledged (durable) or not (none)")
  RepairMode repair;

  @Option(
      names = "--entry-pool",
      arity = "1",
      converter = EntryPool.class,
      paramLabel = "per-style|shared",
      description =
          "where sync PlaceOrders run: a bounded pool of their own (per-style) or the gRPC"
              + " executor async calls use (shared)")
  String entryPool;

  @Override
  public Integer call() {
    ResilienceSettings wanted = settings();
    if (wanted.equals(ResilienceSettings.getDefaultInstance())) {
      throw LabException.usage(
          "give at least one setting: --deadline, --max-attempts, --backoff, --breaker,"
              + " --failure-rate, --window, --open, --bulkhead, --repair or --entry-pool");
    }
    ResilienceSettings now = parent.call(where.destination(), c -> c.setResilience(wanted));
    ResilienceCommand.print(now, parent.context().out());
    return 0;
  }

  /** Only the fields given on the command line are set. */
  ResilienceSettings settings() {
    ResilienceSettings.Builder b = ResilienceSettings.newBuilder();
    if (deadline != null) {
      b.setInventoryDeadlineMs(millis(deadline)).setNotificationDeadlineMs(millis(deadline));
    }
    if (inventoryDeadline != null) {
      b.setInventoryDeadlineMs(millis(inventoryDeadline));
    }
    if (notificationDeadline != null) {
      b.setNotificationDeadlineMs(millis(notificationDeadline));
    }
    if (maxAttempts != null) {
      b.setMaxAttempts(maxAttempts);
    }
    if (backoff != null) {
      b.setBackoffMs(millis(backoff));
    }
    if (breaker != null) {
      b.setCircuitBreakerEnabled(breaker);
    }
    if (failureRate != null) {
      b.setFailureRateThreshold(failureRate);
    }
    if (window != null) {
      b.setBreakerWindowCalls(window);
    }
    if (open != null) {
      b.setOpenMs(millis(open));
    }
    if (bulkhead != null) {
      b.setBulkheadEnabled(bulkhead > 0);
      if (bulkhead > 0) {
        b.setMaxConcurrent(bulkhead);
      }
    }
    if (repair != null) {
      b.setRepair(repair);
    }
    if (entryPool != null) {
      b.setSharedEntryPool(entryPool.equals("shared"));
    }
    return b.build();
  }

  private static int millis(Duration d) {
    return (int) Math.min(Integer.MAX_VALUE, d.toMillis());
  }

  /** {@code on|off} (also true/false, yes/no). */
  static final class OnOff implements ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "on", "true", "yes" -> true;
        case "off", "false", "no" -> false;
        default -> throw new TypeConversionException("expected on or off, was '" + value + "'");
      };
    }
  }

  /** {@code none} or {@code durable}. */
  static final class RepairConverter implements ITypeConverter<RepairMode> {
    @Override
    public RepairMode convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "none" -> RepairMode.REPAIR_NONE;
        case "durable" -> RepairMode.REPAIR_DURABLE;
        default ->
            throw new TypeConversionException("expected none or durable, was '" + value + "'");
      };
    }
  }

  /** {@code per-style} or {@code shared}, in any case. */
  static final class EntryPool implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      return switch (v) {
        case "per-style", "shared" -> v;
        default ->
            throw new TypeConversionException("expected per-style or shared, was '" + value + "'");
      };
    }
  }

  /** A number of calls, or {@code off} (read as 0: disabled). */
  static final class Bulkhead implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.equals("off")) {
        return 0;
      }
      try {
        int n = Integer.parseInt(v);
        if (n >= 1) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new TypeConversionException(
          "expected a number of calls >= 1 or off, was '" + value + "'");
    }
  }

  /** A duration that may be zero ({@code 0ms}: retry at once). */
  static final class BackoffConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT);
      if (v.matches("0+(\\.0+)?(ms|s|m)?")) {
        return Duration.ZERO;
      }
      return Durations.parse(value);
    }
  }
}
