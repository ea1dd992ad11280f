package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.GrpcErrors;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.target.Destination;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Shows one stored order, and whether notification-service has recorded its notification: the
 * order's state alone cannot say whether the last step of either style happened.
 */
@Command(mixinStandardHelpOptions = true, name = "get", description = "Show one order.")
public final class GetCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Parameters(paramLabel = "ORDER_ID", description = "the order to show")
  private String orderId;

  @Option(names = "--timeout", defaultValue = "5s", converter = Durations.class)
  private Duration timeout;

  @Mixin private DestinationOptions where;

  @Override
  public Integer call() throws Exception {
    try (Connection connection = Connection.to(lab.context(), Part.ORDER, where.destination())) {
      Order order =
          OrderServiceGrpc.newBlockingStub(connection.channel())
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .getOrder(GetOrderRequest.newBuilder().setOrderId(orderId).build());
      Table table = new Table("FIELD", "VALUE");
      table.row("order", order.getOrderId());
      table.row("style", OrderLines.style(order.getStyle()));
      table.row("state", order.getState());
      table.row("item", order.getSku() + " x " + order.getQuantity());
      table.row("customer", order.getCustomerId().isEmpty() ? "-" : order.getCustomerId());
      table.row("reason", OrderLines.reason(order).isEmpty() ? "-" : OrderLines.reason(order));
      table.row("traceId", order.getTraceId().isEmpty() ? "-" : order.getTraceId());
      table.row("created", time(order.getCreatedAtMicros()));
      table.row("updated", time(order.getUpdatedAtMicros()));
      table.row("notified", notification());
      table.lines().stream().skip(1).forEach(lab.context().out()::println);
      return 0;
    }
  }

  /**
   * "recorded at ... (OUTCOME)" or "not recorded", from notification-service. A failed query says
   * why in the line and leaves the exit code alone: the order itself was shown.
   */
  private String notification() throws InterruptedException {
    Destination destination = where.destination();
    if (destination.hasAddress()) {
      return "not asked (--address names order-service only)";
    }
    try (Connection connection = Connection.to(lab.context(), Part.NOTIFICATION, destination)) {
      List<Notification> found =
          NotificationServiceGrpc.newBlockingStub(connection.channel())
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .list(ListNotificationsRequest.newBuilder().setOrderId(orderId).setLimit(1).build())
              .getNotificationsList();
      if (found.isEmpty()) {
        return "not recorded";
      }
      Notification n = found.get(0);
      return "recorded at " + time(n.getRecordedAtMicros()) + " (" + n.getOutcome() + ")";
    } catch (StatusRuntimeException e) {
      return "unknown: " + GrpcErrors.describe(e);
    }
  }

  static String time(long micros) {
    return micros == 0 ? "-" : Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
  }
}
