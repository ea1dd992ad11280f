package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.experiment.trace.TraceParent;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Places one order and says what became of it and how long that took: the whole chain for sync, the
 * acceptance (and with --wait the outcome, through WatchOrder) for async.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "order",
    description = "Place one order, sync or async.")
public final class OrderCommand implements Callable<Integer> {

  enum StyleOption {
    SYNC(Style.SYNC),
    ASYNC(Style.ASYNC);

    final Style style;

    StyleOption(Style style) {
      this.style = style;
    }
  }

  @ParentCommand private Lab lab;

  @Option(names = "--style", required = true, description = "sync or async")
  private StyleOption style;

  @Option(names = "--sku", required = true, description = "e.g. SKU-APPLE, SKU-LAMP")
  private String sku;

  @Option(names = "--qty", required = true, description = "how many items")
  private int quantity;

  @Option(names = "--id", description = "order id (idempotency key); generated when left out")
  private String orderId = "";

  @Option(names = "--customer", description = "customer id")
  private String customer = "";

  @Option(names = "--wait", description = "async: wait for the final state")
  private boolean await;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = Durations.class,
      description = "deadline for the whole command (default ${DEFAULT-VALUE})")
  private Duration timeout;

  @Mixin private DestinationOptions where;

  @Override
  public Integer call() throws Exception {
    try (Connection connection = Connection.to(lab.context(), Part.ORDER, where.destination())) {
      Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
      connection.warmUp(deadline);
      // A sampled W3C trace context: the services trace this order whatever their sampling.
      OrderServiceGrpc.OrderServiceBlockingStub stub =
          OrderServiceGrpc.newBlockingStub(connection.channel())
              .withDeadline(deadline)
              .withInterceptors(
                  MetadataUtils.newAttachHeadersInterceptor(TraceParent.sampled().metadata()));
      long sent = System.nanoTime();
      Order order = stub.placeOrder(request());
      long answered = System.nanoTime() - sent;
      lab.context().out().println(OrderLines.placed(order, answered));
      if (await && order.getStyle() == Style.ASYNC && !OrderLines.isFinal(order.getState())) {
        Order last;
        try {
          last = watchUntilFinal(stub, order.getOrderId());
        } catch (StatusRuntimeException e) {
          if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
            throw e;
          }
          // Our own wait ran out, not the order: it is accepted and its outcome is still coming.
          lab.context().out().println(stillPending(order, timeout));
          lab.context().out().println(OrderLines.trace(order));
          return 0;
        }
        lab.context().out().println(OrderLines.finished(last, System.nanoTime() - sent));
      }
      lab.context().out().println(OrderLines.trace(order));
      return 0;
    }
  }

  static String stillPending(Order order, Duration waited) {
    return "order "
        + order.getOrderId()
        + " async is accepted and still PENDING after "
        + DurationText.format(waited)
        + " (--timeout): its outcome comes later; follow it with 'lab get "
        + order.getOrderId()
        + "' or 'lab logs --order "
        + order.getOrderId()
        + "'";
  }

  private PlaceOrderRequest request() {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(orderId)
        .setSku(sku)
        .setQuantity(quantity)
        .setStyle(style.style)
        .setCustomerId(customer)
        .build();
  }

  private static Order watchUntilFinal(OrderServiceGrpc.OrderServiceBlockingStub stub, String id) {
    Iterator<Order> updates = stub.watchOrder(GetOrderRequest.newBuilder().setOrderId(id).build());
    while (updates.hasNext()) {
      Order update = updates.next();
      if (OrderLines.isFinal(update.getState())) {
        return update;
      }
    }
    throw LabException.failure("order " + id + ": the watch ended before a final state");
  }
}
