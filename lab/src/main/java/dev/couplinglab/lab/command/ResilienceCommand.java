package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.RepairMode;
import dev.couplinglab.contracts.v1.ResilienceCounters;
import dev.couplinglab.contracts.v1.ResilienceSettings;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.admin.AdminClient;
import dev.couplinglab.lab.target.Destination;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** Shows order-service's sync-chain resilience settings and counters. */
@Command(
    mixinStandardHelpOptions = true,
    name = "resilience",
    description = "Show order-service's resilience settings and counters; 'set' changes them.",
    subcommands = ResilienceSetCommand.class)
public final class ResilienceCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Mixin private DestinationOptions where;

  @Override
  public Integer call() {
    print(call(where.destination(), AdminClient::resilience), lab.context().out());
    return 0;
  }

  LabContext context() {
    return lab.context();
  }

  /** One call to order-service's ResilienceService. */
  ResilienceSettings call(Destination destination, Function<AdminClient, ResilienceSettings> what) {
    try (AdminClient client =
        lab.context()
            .admin(lab.context().target(destination.target()), Part.ORDER, destination.address())) {
      return what.apply(client);
    }
  }

  static void print(ResilienceSettings s, PrintWriter out) {
    Table table = new Table("SETTING", "VALUE");
    table.row("inventory deadline", s.getInventoryDeadlineMs() + " ms");
    table.row("notification deadline", s.getNotificationDeadlineMs() + " ms");
    table.row("max attempts", s.getMaxAttempts());
    table.row("backoff", s.getBackoffMs() + " ms");
    table.row(
        "circuit breaker",
        onOff(s.getCircuitBreakerEnabled())
            + " (failure rate "
            + s.getFailureRateThreshold()
            + " %, window "
            + s.getBreakerWindowCalls()
            + " calls, open "
            + s.getOpenMs()
            + " ms)");
    table.row(
        "bulkhead",
        s.getBulkheadEnabled()
            ? "on (" + s.getMaxConcurrent() + " concurrent calls)"
            : "off (" + s.getMaxConcurrent() + " concurrent calls when on)");
    table.row("repair", repairText(s.getRepair()));
    table.row(
        "entry pool",
        s.getSharedEntryPool()
            ? "shared (sync chains on the gRPC executor async calls use)"
            : "per-style (sync chains on a bounded pool of their own)");

    table.print(out);
    ResilienceCounters c = s.getCounters();
    out.println(
        "counters: retries "
            + c.getRetries()
            + ", rejected by breaker "
            + c.getRejectedByBreaker()
            + ", rejected by bulkhead "
            + c.getRejectedByBulkhead()
            + ", refused by the sync pool "
            + c.getRejectedBySyncPool()
            + "; breakers: inventory "
            + c.getInventoryBreakerState()
            + ", notification "
            + c.getNotificationBreakerState()
            + "; repairs: recorded "
            + c.getRepairsRecorded()
            + ", done "
            + c.getRepairsDone()
            + ", pending "
            + c.getRepairsPending()
            + ", longest "
            + c.getLongestRepairMs()
            + " ms");
  }

  /** {@code none} or {@code durable}, with what it means. */
  static String repairText(RepairMode mode) {
    return switch (mode) {
      case REPAIR_NONE -> "none (one best-effort Release or Notify; a failed one is lost)";
      case REPAIR_DURABLE -> "durable (a failed Release or Notify is recorded and retried)";
      default -> "unknown (" + mode + ")";
    };
  }

  private static String onOff(boolean on) {
    return on ? "on" : "off";
  }
}
