package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.ListNotificationsRequest;
import dev.couplinglab.contracts.v1.ListNotificationsResponse;
import dev.couplinglab.contracts.v1.Notification;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Lists the notifications recorded by notification-service. */
@Command(
    mixinStandardHelpOptions = true,
    name = "notifications",
    description = "List recorded notifications.")
public final class NotificationsCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Option(names = "--order", description = "only this order's notification")
  private String orderId = "";

  @Option(names = "--limit", defaultValue = "20", description = "at most this many (default 20)")
  private int limit;

  @Option(names = "--timeout", defaultValue = "5s", converter = Durations.class)
  private Duration timeout;

  @Mixin private DestinationOptions where;

  @Override
  public Integer call() throws Exception {
    try (Connection connection =
        Connection.to(lab.context(), Part.NOTIFICATION, where.destination())) {
      ListNotificationsResponse response =
          NotificationServiceGrpc.newBlockingStub(connection.channel())
              .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .list(
                  ListNotificationsRequest.newBuilder()
                      .setOrderId(orderId)
                      .setLimit(limit)
                      .build());
      Table table = new Table("ORDER", "OUTCOME", "STYLE", "RECORDED", "MESSAGE");
      for (Notification n : response.getNotificationsList()) {
        table.row(
            n.getOrderId(),
            n.getOutcome(),
            OrderLines.style(n.getStyle()),
            GetCommand.time(n.getRecordedAtMicros()),
            n.getMessage());
      }
      table.print(lab.context().out());
      return 0;
    }
  }
}
