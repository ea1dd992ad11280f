package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.metrics.MetricsEndpoint;
import dev.couplinglab.experiment.metrics.Samples;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.experiments.KafkaLagProbe;
import dev.couplinglab.lab.target.Target;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one sampler behind every open page: once a second it scrapes the three services' {@code
 * /metrics}, turns two scrapes into the lanes' figures ({@link Lanes}), adds the cluster's picture
 * ({@link ClusterWatch}), the fault windows, the load and the scenario, and hands the frame to
 * whoever listens (the page's event stream). It keeps the last ten minutes of frames, so a tab
 * opened late draws the same charts as one open from the start.
 */
final class Sampler implements AutoCloseable {

  static final int HISTORY = 600;
  private static final long SCRAPE_WAIT_MS = 900;

  private final LabContext lab;
  private final Target target;
  private final ClusterWatch cluster;
  private final KafkaLagProbe lag;
  private final FaultWindows windows = new FaultWindows();
  private final Map<String, Supplier<Object>> extras = new LinkedHashMap<>();
  private final Deque<Map<String, Object>> history = new ArrayDeque<>();
  private final List<Consumer<Map<String, Object>>> listeners = new ArrayList<>();
  private final Map<String, Future<Samples>> scrapes = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticks =
      Executors.newScheduledThreadPool(2, daemon("console-sampler"));
  private final ExecutorService scrapers =
      Executors.newFixedThreadPool(3, daemon("console-scrape"));
  private Map<String, Samples> last = Map.of();
  private long lastNanos;

  Sampler(LabContext lab, Target target, ClusterWatch cluster) {
    this.lab = lab;
    this.target = target;
    this.cluster = cluster;
    this.lag = new KafkaLagProbe(lab.bootstrap(target), 1_000);
  }

  /** Adds {@code name: supplier()} to every frame (the load's and the scenario's state). */
  synchronized Sampler with(String name, Supplier<Object> supplier) {
    extras.put(name, supplier);
    return this;
  }

  synchronized void onFrame(Consumer<Map<String, Object>> listener) {
    listeners.add(listener);
  }

  void start() {
    lag.start();
    ticks.scheduleWithFixedDelay(this::safeTick, 0, 1, TimeUnit.SECONDS);
    // Each listing runs `lab fault list` (a command line parsed, every service's admin API asked):
    // every 5 s is soon enough for a picture, and the console's own CPU stays small.
    ticks.scheduleWithFixedDelay(this::safeListFaults, 0, 5, TimeUnit.SECONDS);
  }

  /** The frames of the last ten minutes, oldest first. */
  synchronized List<Map<String, Object>> history() {
    return new ArrayList<>(history);
  }

  private void safeTick() {
    try {
      tick();
    } catch (RuntimeException e) {
      // One bad second must not end the sampling: the page shows the gap.
      System.err.println("console: sampling failed: " + e);
    }
  }

  private void safeListFaults() {
    try {
      cluster.listFaults();
    } catch (RuntimeException e) {
      System.err.println("console: fault list failed: " + e);
    }
  }

  private void tick() {
    long now = System.nanoTime();
    Map<String, Samples> scraped = new LinkedHashMap<>();
    Map<String, String> scrapeErrors = new LinkedHashMap<>();
    for (Part service : Part.SERVICES) {
      scrape(service, scraped, scrapeErrors);
    }
    Map<String, Object> frame = new LinkedHashMap<>();
    frame.put("t", System.currentTimeMillis());
    frame.put("target", target.label());
    if (!last.isEmpty()
        && last.containsKey("order-service")
        && scraped.containsKey("order-service")) {
      frame.put("lanes", Lanes.between(last, scraped, (now - lastNanos) / 1e9, lag.latestLag()));
    }
    frame.put("scrapeErrors", scrapeErrors);
    List<ClusterWatch.PartState> parts = cluster.now();
    frame.put("parts", parts);
    frame.put("faultNotes", cluster.faultNotes());
    frame.put("windows", windows.update(parts, System.currentTimeMillis()));
    List<Consumer<Map<String, Object>>> to;
    synchronized (this) {
      extras.forEach((name, supplier) -> frame.put(name, supplier.get()));
      history.addLast(frame);
      while (history.size() > HISTORY) {
        history.removeFirst();
      }
      to = List.copyOf(listeners);
    }
    last = scraped;
    lastNanos = now;
    to.forEach(l -> l.accept(frame));
  }

  /**
   * Scrapes one service, waiting at most {@link #SCRAPE_WAIT_MS}: a paused service is missing from
   * this second, and is not asked again while its last scrape still waits.
   */
  private void scrape(Part service, Map<String, Samples> into, Map<String, String> errors) {
    String name = service.displayName();
    Future<Samples> pending = scrapes.get(name);
    if (pending == null || pending.isDone()) {
      pending =
          scrapers.submit(
              () -> new MetricsEndpoint(name, lab.metricsAddress(target, service)).scrape());
      scrapes.put(name, pending);
    }
    try {
      into.put(name, pending.get(SCRAPE_WAIT_MS, TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.TimeoutException e) {
      errors.put(name, "metrics do not answer within " + SCRAPE_WAIT_MS + " ms");
    } catch (java.util.concurrent.ExecutionException e) {
      errors.put(name, e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    lag.close();
    ticks.shutdownNow();
    scrapers.shutdownNow();
  }
}
