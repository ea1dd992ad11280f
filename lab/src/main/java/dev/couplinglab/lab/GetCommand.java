package dev.couplinglab.lab;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.lab.cluster.Part;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Shows one stored order. */
@Command(mixinStandardHelpOptions = true, name = "get", description = "Show one order.")
final class GetCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Parameters(paramLabel = "ORDER_ID", description = "the order to show")
  private String orderId;

  @Option(names = "--timeout", defaultValue = "5s", converter = Durations.class)
  private Duration timeout;

  @Mixin private ClientTarget target;

  @Override
  public Integer call() throws Exception {
    try (Connection connection = Connection.to(lab, Part.ORDER, target.destination())) {
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
      table.lines().stream().skip(1).forEach(lab.out()::println);
      return 0;
    }
  }

  static String time(long micros) {
    return micros == 0 ? "-" : Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString();
  }
}
