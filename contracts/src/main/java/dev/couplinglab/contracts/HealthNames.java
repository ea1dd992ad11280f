package dev.couplinglab.contracts;

import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.NotificationServiceGrpc;
import dev.couplinglab.contracts.v1.OrderServiceGrpc;
import java.util.List;
import java.util.Map;

/**
 * The gRPC health service names under which each service reports its parts, one place for the
 * services that report them and the lab that shows them. The overall status ("") follows what the
 * service's API needs; a part's own status says whether that part does its job now:
 *
 * <ul>
 *   <li>the API (the gRPC service's full name): SERVING while the server serves;
 *   <li>{@code couplinglab.<service>.relay}, the outbox relay: UNKNOWN until its first send
 *       settles, SERVING after a send the brokers acknowledged, NOT_SERVING after a failed send or
 *       while a send waits too long for its acknowledgement;
 *   <li>{@code couplinglab.<service>.consumer.<topic>}: SERVING while it holds partitions in its
 *       group and handles their records, NOT_SERVING without an assignment, after 3 s without a
 *       connection to any broker, while stalled by a fault, while its store keeps failing, or once
 *       its poll loop has stopped.
 * </ul>
 *
 * <p>order-service accepts async orders while Kafka is down (they wait in its outbox), so its ""
 * and API stay SERVING while its relay is NOT_SERVING.
 */
public final class HealthNames {

  public static final String ORDER_API = OrderServiceGrpc.SERVICE_NAME;
  public static final String ORDER_RELAY = "couplinglab.order.relay";
  public static final String ORDER_CONSUMER = consumer("order", Topics.INVENTORY);

  public static final String INVENTORY_API = InventoryServiceGrpc.SERVICE_NAME;
  public static final String INVENTORY_RELAY = "couplinglab.inventory.relay";
  public static final String INVENTORY_CONSUMER = consumer("inventory", Topics.ORDERS);

  public static final String NOTIFICATION_API = NotificationServiceGrpc.SERVICE_NAME;
  public static final String NOTIFICATION_CONSUMER = consumer("notification", Topics.NOTIFICATIONS);

  /** Each service's parts by its name ({@code order-service}...), in the order they are shown. */
  public static final Map<String, List<String>> PARTS =
      Map.of(
          "order-service", List.of(ORDER_API, ORDER_RELAY, ORDER_CONSUMER),
          "inventory-service", List.of(INVENTORY_API, INVENTORY_RELAY, INVENTORY_CONSUMER),
          "notification-service", List.of(NOTIFICATION_API, NOTIFICATION_CONSUMER));

  private HealthNames() {}

  private static String consumer(String service, Topic<?> topic) {
    return "couplinglab." + service + ".consumer." + topic.name();
  }
}
