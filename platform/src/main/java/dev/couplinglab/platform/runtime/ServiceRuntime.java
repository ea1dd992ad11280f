package dev.couplinglab.platform.runtime;

import dev.couplinglab.contracts.DataFiles;
import dev.couplinglab.platform.admin.AdminApi;
import dev.couplinglab.platform.grpc.GrpcServer;
import dev.couplinglab.platform.grpc.Health;
import dev.couplinglab.platform.grpc.QueueShedding;
import dev.couplinglab.platform.metrics.ServiceMetrics;
import dev.couplinglab.platform.telemetry.Telemetry;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle every service shares: its parts are registered in the order they start and closed
 * in reverse, when start-up fails as on shutdown. Each close runs on a thread of its own and is
 * waited for within a bound; a part that does not close in time is logged and left behind, so that
 * one stuck part cannot keep the rest open or hang a shutdown hook.
 *
 * <p>A service wires its parts in its {@code ...App} constructor, one {@link #add} or {@link
 * #onClose} as each starts, the gRPC server last ({@link #serve}); a part every service should
 * start first is one more {@code add} at the top, and is then the last to close.
 */
public final class ServiceRuntime implements AutoCloseable {

  /** How long a part may take to close unless it is registered with a bound of its own. */
  public static final Duration DEFAULT_CLOSE_BOUND = Duration.ofSeconds(15);

  /** Past the grace: the cut of calls still running after it, and the executors' stop. */
  private static final Duration SERVER_CLOSE_MARGIN = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(ServiceRuntime.class);

  /** What a service does to start: wire its parts, registering each with the runtime. */
  @FunctionalInterface
  public interface Wiring<A> {
    A wire(ServiceRuntime runtime) throws Exception;
  }

  private record Part(String name, AutoCloseable close, Duration bound) {}

  private final String service;
  private final Deque<Part> parts = new ArrayDeque<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private volatile GrpcServer server;
  private ServiceMetrics metrics;
  private Telemetry telemetry;

  private ServiceRuntime(String service) {
    this.service = service;
  }

  /**
   * Runs {@code wiring} against a new runtime; if it throws, closes what it had started, the last
   * first, and rethrows.
   */
  public static <A> A start(String service, Wiring<A> wiring) throws Exception {
    ServiceRuntime runtime = new ServiceRuntime(service);
    try {
      return wiring.wire(runtime);
    } catch (Exception | Error e) {
      log.warn("{} failed to start, closing what started: {}", service, e.toString());
      runtime.close();
      throw e;
    }
  }

  /** Registers a started part, closed by its own {@code close()}; returns it. */
  public <T extends AutoCloseable> T add(String name, T part) {
    onClose(name, DEFAULT_CLOSE_BOUND, part);
    return part;
  }

  /** Registers how to close a part that has just started. */
  public void onClose(String name, AutoCloseable close) {
    onClose(name, DEFAULT_CLOSE_BOUND, close);
  }

  /** Registers how to close a part that has just started, and how long that may take. */
  public synchronized void onClose(String name, Duration bound, AutoCloseable close) {
    if (closed.getCount() == 0) {
      throw new IllegalStateException(service + " is closed: cannot add " + name);
    }
    parts.push(new Part(name, close, bound));
  }

  /**
   * Closes every part, the last started first, each within its bound. Returns once all are closed
   * or given up on; a second call waits for the first and then does nothing.
   */
  @Override
  public synchronized void close() {
    boolean interrupted = false;
    while (!parts.isEmpty()) {
      interrupted |= closeOne(parts.pop());
    }
    closed.countDown();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The service's traces ({@link Telemetry#start}: spans to {@code
   * <DATA_DIR>/<service>.spans.jsonl} and, when {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set, to that
   * collector), from the first call on; a service asks for it first, so it is the last part closed
   * and flushes the others' spans. The gRPC server makes a span of every call with it.
   */
  public synchronized Telemetry telemetry(ServiceSettings settings) {
    if (telemetry == null) {
      telemetry = add("telemetry", Telemetry.start(service, settings.dataDir()));
    }
    return telemetry;
  }

  /**
   * The service's metrics, served on {@code /metrics} from the first call on (the bind address and
   * {@code METRICS_PORT} of {@code settings}), closed with the runtime; the gRPC server records its
   * calls there. The port it listens on is written to {@code <DATA_DIR>/metrics.port} ({@link
   * DataFiles#METRICS_PORT}), so a launcher that asked for a free port can find it.
   */
  public synchronized ServiceMetrics metrics(ServiceSettings settings) throws IOException {
    if (metrics == null) {
      metrics =
          add(
              "metrics",
              ServiceMetrics.start(service, settings.grpcBindAddress(), settings.metricsPort()));
      Files.createDirectories(settings.dataDir());
      Files.writeString(
          settings.dataDir().resolve(DataFiles.METRICS_PORT), Integer.toString(metrics.port()));
      log.info("metrics on http://{}:{}/metrics", settings.grpcBindAddress(), metrics.port());
    }
    return metrics;
  }

  /**
   * Starts the gRPC server, which a service starts last: it is then the first part closed, health
   * turning NOT_SERVING and calls in flight draining within the settings' grace before anything
   * they use closes. Reports {@code servingNames} SERVING once it listens. One server a runtime.
   */
  public void serve(
      ServiceSettings settings,
      List<BindableService> services,
      AdminApi admin,
      Health health,
      String... servingNames)
      throws IOException {
    serve(settings, services, List.of(), admin, health, servingNames);
  }

  /**
   * As {@link #serve(ServiceSettings, List, AdminApi, Health, String...)}, with {@code observers}
   * seeing every business call after the gRPC call metrics (a service's own metrics).
   */
  public void serve(
      ServiceSettings settings,
      List<BindableService> services,
      List<ServerInterceptor> observers,
      AdminApi admin,
      Health health,
      String... servingNames)
      throws IOException {
    ServiceMetrics metrics = metrics(settings);
    Telemetry traces = telemetry(settings);
    List<ServerInterceptor> all = new ArrayList<>();
    all.add(metrics.grpc().serverInterceptor());
    all.addAll(observers);
    QueueShedding shedding = new QueueShedding(settings.queueLimit());
    metrics.counter(
        "grpc_shed",
        "business calls refused RESOURCE_EXHAUSTED after waiting longer than GRPC_QUEUE_LIMIT_MS",
        shedding::shed);
    GrpcServer server =
        new GrpcServer(
                GrpcServer.listening(settings.grpcBindAddress(), settings.grpcPort()),
                settings.grpcThreads(),
                services,
                admin,
                health,
                traces,
                shedding,
                all)
            .start();
    Duration grace = settings.shutdownGrace();
    onClose("gRPC server", grace.plus(SERVER_CLOSE_MARGIN), () -> server.shutdown(grace));
    server.markServing(servingNames);
    this.server = server;
  }

  /** The port of the metrics {@link #metrics} started. */
  public synchronized int metricsPort() {
    if (metrics == null) {
      throw new IllegalStateException(service + " serves no metrics yet");
    }
    return metrics.port();
  }

  /** The port of the server {@link #serve} started. */
  public int grpcPort() {
    if (server == null) {
      throw new IllegalStateException(service + " serves no gRPC yet");
    }
    return server.port();
  }

  /** Blocks until {@link #close()} has finished (a service's main thread waits here). */
  public void awaitClosed() throws InterruptedException {
    closed.await();
  }

  /** Returns true if the caller was interrupted while waiting. */
  private boolean closeOne(Part part) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread closer =
        new Thread(
            () -> {
              try {
                part.close().close();
              } catch (Exception e) {
                failure.set(e);
              }
            },
            "close-" + part.name().replace(' ', '-'));
    closer.setDaemon(true);
    closer.start();
    boolean interrupted = false;
    try {
      closer.join(part.bound().toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (closer.isAlive()) {
      log.warn(
          "{}: {} did not close within {} ms; going on without it",
          service,
          part.name(),
          part.bound().toMillis());
    } else if (failure.get() != null) {
      log.warn("{}: closing {} failed: {}", service, part.name(), failure.get().toString());
    }
    return interrupted;
  }
}
