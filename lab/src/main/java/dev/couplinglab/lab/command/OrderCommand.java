package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.v1.GetOrderRequest;
import dev.couplinglab.contracts.v1.Order;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import dev.couplinglab.contracts.v1.PlaceOrderRequest;
import dev.couplinglab.contracts.v1.Style;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.model.DurationText;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.target.Target;
import dev.couplinglab.lab.traces.TraceWait;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Places one order (or one of each style at once) and says what became of it and how long that
 * took: the whole chain for sync, the acceptance (and with --wait the outcome, through WatchOrder)
 * for async. With --trace it waits for the orders' spans and draws them as {@code lab trace} does.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "order",
    description = "Place one order, sync or async, or one of each at once (--style both).")
public final class OrderCommand implements Callable<Integer> {

  enum StyleOption {
    SYNC(List.of(Style.SYNC)),
    ASYNC(List.of(Style.ASYNC)),
    BOTH(List.of(Style.SYNC, Style.ASYNC));

    final List<Style> styles;

    StyleOption(List<Style> styles) {
      this.styles = styles;
    }
  }

  @ParentCommand private Lab lab;

  @Option(
      names = "--style",
      required = true,
      description = "sync, async, or both (one of each, sent at once; waits for both outcomes)")
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
      names = "--trace",
      description =
          "wait for the final state and the spans, then draw the trace as 'lab trace' does (both:"
              + " the two chains on one time axis, as 'lab trace --compare')")
  private boolean trace;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      converter = Durations.class,
      description = "deadline for the orders (default ${DEFAULT-VALUE}); --trace waits 10 s more")
  private Duration timeout;

  @Mixin private DestinationOptions where;

  @Override
  public Integer call() throws Exception {
    if (style == StyleOption.BOTH && !orderId.isEmpty()) {
      throw LabException.usage("--id names one order; --style both places two (leave --id out)");
    }
    LabContext context = lab.context();
    List<Order> finals = new ArrayList<>();
    try (Connection connection = Connection.to(context, Part.ORDER, where.destination())) {
      Deadline deadline = Deadline.after(timeout.toNanos(), TimeUnit.NANOSECONDS);
      connection.warmUp(deadline);
      List<Placing> placings = new ArrayList<>();
      for (Style s : style.styles) {
        placings.add(Placing.send(connection.channel(), deadline, request(s)));
      }
      List<Order> answers = new ArrayList<>();
      for (Placing placing : placings) {
        Order order = placing.answer();
        answers.add(order);
        context.out().println(OrderLines.placed(order, placing.answeredNanos()));
        Order last = outcome(placing, order);
        if (last == null) {
          break; // still pending when our wait ran out: said so, nothing to draw
        }
        finals.add(last);
      }
      answers.forEach(o -> context.out().println(OrderLines.trace(o)));
      if (finals.size() < placings.size()) {
        return 0;
      }
    }
    if (trace) {
      draw(context, finals);
    }
    return 0;
  }

  /**
   * The final state (watched for async when waited for), the answer when not waited for, or null
   * when the wait ran out first (said so).
   */
  private Order outcome(Placing placing, Order order) throws Exception {
    boolean wait = await || trace || style == StyleOption.BOTH;
    if (!wait || order.getStyle() != Style.ASYNC || OrderLines.isFinal(order.getState())) {
      return order;
    }
    try {
      Order last = watchUntilFinal(placing.stub(), order.getOrderId());
      lab.context().out().println(OrderLines.finished(last, placing.sinceSentNanos()));
      return last;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.DEADLINE_EXCEEDED) {
        throw e;
      }
      // Our own wait ran out, not the order: it is accepted and its outcome is still coming.
      lab.context().out().println(stillPending(order, timeout));
      return null;
    }
  }

  /** Waits for the spans of the orders, then draws them as {@code lab trace} does. */
  private void draw(LabContext context, List<Order> orders) {
    Target target = context.target(where.destination().target());
    TraceWait.Result found =
        new TraceWait(() -> TraceCommand.traces(context, target), TraceWait.BOUND)
            .await(orders.stream().map(Order::getOrderId).toList());
    context.out().println();
    context.out().print(TraceCommand.draw(found.traces()));
    for (String id : found.incomplete()) {
      context
          .out()
          .println(
              "(the chain of order "
                  + id
                  + " was still missing spans after "
                  + DurationText.format(TraceWait.BOUND)
                  + ": drawn as written so far; 'lab trace "
                  + id
                  + "' draws it again)");
    }
    context.out().flush();
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

  private PlaceOrderRequest request(Style orderStyle) {
    return PlaceOrderRequest.newBuilder()
        .setOrderId(orderId)
        .setSku(sku)
        .setQuantity(quantity)
        .setStyle(orderStyle)
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
