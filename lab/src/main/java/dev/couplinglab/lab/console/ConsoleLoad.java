package dev.couplinglab.lab.console;

import dev.couplinglab.experiment.load.LoadGenerator;
import dev.couplinglab.experiment.load.OrderRecord;
import dev.couplinglab.experiment.model.ExperimentException;
import dev.couplinglab.experiment.model.ExperimentParser;
import dev.couplinglab.experiment.model.LoadSpec;
import dev.couplinglab.experiment.model.RunStyle;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.LabException;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The page's open-loop load: the generator {@code lab load} and the experiments send with ({@link
 * LoadGenerator}), at a rate per style the user chooses, until its duration ends or the user stops
 * it. No order is followed (the lanes read the services' metrics); one order of each style per
 * second carries a sampled {@code traceparent}, so the page always has a recent traced order to
 * show.
 */
final class ConsoleLoad implements AutoCloseable {

  /**
   * As {@code lab load}'s generator: calls waiting beyond this are not made (CLIENT_OVERLOADED).
   */
  private static final int MAX_IN_FLIGHT = 2_000;

  /**
   * The generator keeps a record of every order sent (about 150 bytes each): the load is bounded so
   * they fit the console's small heap (bin/lab gives it 96 MiB at most).
   */
  private static final Duration LONGEST = Duration.ofMinutes(10);

  private static final long MOST_ORDERS_PER_STYLE = 120_000;

  private static final double FASTEST = 1_000;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HHmmss");

  private final Supplier<String> orderAddress;
  private ManagedChannel channel;
  private LoadGenerator generator;
  private LoadSpec spec;
  private long startNanos;

  /**
   * @param orderAddress where order-service answers, asked at each start
   */
  ConsoleLoad(Supplier<String> orderAddress) {
    this.orderAddress = orderAddress;
  }

  /**
   * Starts the load; the one line that says what it does.
   *
   * @throws LabException (usage) for a rate, duration or style out of range, or a load running
   */
  synchronized String start(String rateText, String durationText, String styleText) {
    if (running()) {
      throw LabException.usage("a load is running: stop it first");
    }
    double rate;
    try {
      rate = Double.parseDouble(rateText.strip());
    } catch (NumberFormatException | NullPointerException e) {
      throw LabException.usage(
          "rate must be a number of orders/s per style, was '" + rateText + "'");
    }
    if (!(rate > 0 && rate <= FASTEST)) {
      throw LabException.usage("rate must be more than 0 and at most 1000 orders/s per style");
    }
    Duration duration = Durations.parse(durationText == null ? "" : durationText.strip());
    if (duration.compareTo(LONGEST) > 0) {
      throw LabException.usage("duration must be at most 10m");
    }
    if (rate * duration.toMillis() / 1000.0 > MOST_ORDERS_PER_STYLE) {
      throw LabException.usage(
          "rate x duration must be at most 120000 orders per style (200/s for 10m, 1000/s for 2m):"
              + " the console keeps a record of each order it sends");
    }
    List<RunStyle> styles =
        switch (styleText == null ? "" : styleText.strip().toLowerCase(Locale.ROOT)) {
          case "sync" -> List.of(RunStyle.SYNC);
          case "async" -> List.of(RunStyle.ASYNC);
          case "both", "" -> List.of(RunStyle.SYNC, RunStyle.ASYNC);
          default -> throw LabException.usage("style must be sync, async or both");
        };
    try {
      spec =
          ExperimentParser.check(
              new LoadSpec(rate, duration, styles, "SKU-APPLE", 1, LoadSpec.DEFAULT_DEADLINE));
    } catch (ExperimentException e) {
      throw LabException.usage(e.getMessage());
    }
    close();
    channel = ManagedChannelBuilder.forTarget(orderAddress.get()).usePlaintext().build();
    generator =
        new LoadGenerator(
            channel,
            spec,
            "console-" + LocalTime.now().format(STAMP),
            new LoadGenerator.Options(Duration.ZERO, MAX_IN_FLIGHT, null, 1));
    startNanos = System.nanoTime();
    generator.start(startNanos);
    return "load started: "
        + fmt(rate)
        + " orders/s per style ("
        + String.join(" + ", styles.stream().map(RunStyle::text).toList())
        + ") for "
        + Durations.seconds(duration.toNanos());
  }

  /** Stops the load; the one line that says so. */
  synchronized String stop() {
    if (!running()) {
      return "no load is running";
    }
    generator.endHere();
    close();
    return "load stopped";
  }

  synchronized boolean running() {
    return generator != null
        && System.nanoTime() - startNanos < spec.duration().toNanos()
        && channel != null
        && !channel.isShutdown();
  }

  /** What the page shows of the load: rate, time, and per style sent, waiting, failed, traced. */
  synchronized Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    boolean running = running();
    out.put("running", running);
    if (generator == null) {
      return out;
    }
    out.put("rate", spec.rate());
    out.put(
        "elapsedSeconds",
        Math.min(spec.duration().toSeconds(), (System.nanoTime() - startNanos) / 1_000_000_000L));
    out.put("durationSeconds", spec.duration().toSeconds());
    Map<String, Object> styles = new LinkedHashMap<>();
    for (RunStyle style : spec.styles()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("sent", generator.sent(style));
      s.put("inFlight", generator.inFlight(style));
      s.put("errors", generator.errors(style));
      s.put("lastTraced", lastTraced(style));
      styles.put(style.text(), s);
    }
    out.put("styles", styles);
    return out;
  }

  /** The id of the latest order of {@code style} sent with a sampled traceparent, or null. */
  private String lastTraced(RunStyle style) {
    List<OrderRecord> records = generator.records(style);
    for (int i = records.size() - 1; i >= 0 && i >= records.size() - 2_000; i--) {
      OrderRecord r = records.get(i);
      if (r.traceId() != null && r.accepted()) {
        return r.orderId();
      }
    }
    return null;
  }

  private static String fmt(double rate) {
    return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
  }

  @Override
  public synchronized void close() {
    if (generator != null) {
      generator.close();
    }
    if (channel != null) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(2, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
