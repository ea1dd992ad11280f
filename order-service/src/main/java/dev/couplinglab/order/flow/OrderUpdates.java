package dev.couplinglab.order.flow;

import dev.couplinglab.contracts.v1.Order;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Tells WatchOrder streams about state changes, in this process only. Changes are published after
 * their commit; a watcher reads the stored state after subscribing, so it misses nothing.
 */
public final class OrderUpdates {

  private final Map<String, List<Consumer<Order>>> watchers = new ConcurrentHashMap<>();
  private final Consumer<Order> everyChange;

  public OrderUpdates() {
    this(order -> {});
  }

  /**
   * @param everyChange told of every change published, before the order's watchers
   */
  public OrderUpdates(Consumer<Order> everyChange) {
    this.everyChange = everyChange;
  }

  /** Registers {@code watcher} for {@code orderId}; run the returned action to unregister. */
  public Runnable subscribe(String orderId, Consumer<Order> watcher) {
    watchers.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>()).add(watcher);
    return () ->
        watchers.computeIfPresent(
            orderId,
            (id, list) -> {
              list.remove(watcher);
              return list.isEmpty() ? null : list;
            });
  }

  public void publish(Order order) {
    everyChange.accept(order);
    List<Consumer<Order>> list = watchers.get(order.getOrderId());
    if (list != null) {
      list.forEach(watcher -> watcher.accept(order));
    }
  }
}
