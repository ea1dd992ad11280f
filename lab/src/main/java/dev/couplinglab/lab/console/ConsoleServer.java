package dev.couplinglab.lab.console;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.target.Target;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.sse.SseClient;
import io.javalin.json.JavalinGson;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The console's HTTP side (Javalin on Jetty): the page and its script, the event stream every open
 * tab reads the sampler's frames from, and the actions the page's buttons post. Each action is a
 * lab command line ({@link LabLine}) and answers with that line, its exit and its one-line result.
 * Every request is checked by the {@link PageGuard} first.
 */
public final class ConsoleServer implements AutoCloseable {

  private static final Gson GSON = new GsonBuilder().create();

  private final LabContext lab;
  private final Target target;
  private final LabLine line;
  private final ClusterWatch cluster;
  private final Sampler sampler;
  private final ConsoleLoad load;
  private final ScenarioRun scenario;
  private final Reports reports;
  private final OrderView orders;
  private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
  private final Map<String, ScheduledFuture<?>> undos = new ConcurrentHashMap<>();
  private final ScheduledExecutorService later =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "console-undo");
            t.setDaemon(true);
            return t;
          });
  private Javalin app;
  private PageGuard guard;

  public ConsoleServer(LabContext lab, Target target) {
    this.lab = lab;
    this.target = target;
    this.line = new LabLine(lab.env(), target);
    this.cluster = new ClusterWatch(lab, target, line);
    this.load = new ConsoleLoad(() -> lab.serviceAddress(target, Part.ORDER));
    this.scenario =
        new ScenarioRun(lab.home().resolve("experiments"), lab.reportsDir(target), line);
    this.reports = new Reports(lab.reportsDir(target));
    this.orders = new OrderView(lab, target, line);
    this.sampler =
        new Sampler(lab, target, cluster)
            .with("load", load::status)
            .with("scenario", scenario::status);
  }

  /** Starts serving on {@code bind}:{@code port} (0: a free port); returns the port. */
  public int start(String bind, int port) {
    QueuedThreadPool threads = new QueuedThreadPool(16, 2);
    threads.setName("console-http");
    threads.setDaemon(true);
    app =
        Javalin.create(
            config -> {
              config.jetty.host = bind;
              config.jetty.port = port;
              config.jetty.threadPool = threads;
              config.jsonMapper(new JavalinGson(GSON, false));
              config.staticFiles.enableWebjars();
              config.staticFiles.add(
                  "/console/static", io.javalin.http.staticfiles.Location.CLASSPATH);
              config.routes.before(this::guard);
              config.routes.get("/", this::page);
              config.routes.sse("/api/events", this::subscribe);
              config.routes.get("/api/history", ctx -> ctx.json(sampler.history()));
              config.routes.get("/api/setup", this::setup);
              config.routes.get(
                  "/api/resilience", ctx -> ctx.json(result(line.read(List.of("resilience")))));
              config.routes.get("/api/order", this::order);
              config.routes.get("/api/reports", ctx -> ctx.json(reports.list()));
              config.routes.get("/reports/{run}", this::report);
              config.routes.get("/reports/{run}/{file}", this::reportFile);
              config.routes.post("/api/fault", this::fault);
              config.routes.post(
                  "/api/load/start",
                  ctx ->
                      act(
                          ctx,
                          () ->
                              load.start(
                                  ctx.formParam("rate"),
                                  ctx.formParam("duration"),
                                  ctx.formParam("style"))));
              config.routes.post("/api/load/stop", ctx -> act(ctx, load::stop));
              config.routes.post("/api/resilience", this::resilience);
              config.routes.post(
                  "/api/scenario",
                  ctx ->
                      act(
                          ctx,
                          () ->
                              scenario.start(
                                  ctx.formParam("file"),
                                  ctx.formParam("warmup"),
                                  ctx.formParam("rate"))));
              config.routes.post("/api/order", this::placeOrders);
              config.routes.exception(LabException.class, (e, ctx) -> refused(ctx, e.getMessage()));
              config.routes.exception(
                  FaultForm.Refused.class, (e, ctx) -> refused(ctx, e.getMessage()));
            });
    app.start();
    int bound = app.port();
    guard = new PageGuard(bind, bound);
    sampler.onFrame(this::broadcast);
    sampler.start();
    return bound;
  }

  private void guard(Context ctx) {
    if (guard == null) {
      return;
    }
    Optional<String> refused =
        ctx.method().name().equals("GET")
            ? guard.checkHost(ctx.header("Host"))
            : guard.checkChange(
                ctx.header("Host"), ctx.header("Origin"), ctx.header(PageGuard.TOKEN_HEADER));
    if (refused.isPresent()) {
      ctx.status(HttpStatus.FORBIDDEN).json(Map.of("ok", false, "message", refused.get()));
      ctx.skipRemainingHandlers();
    }
  }

  private void page(Context ctx) throws IOException {
    try (InputStream in = ConsoleServer.class.getResourceAsStream("/console/index.html")) {
      String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      ctx.html(html.replace("{{TOKEN}}", guard.token()).replace("{{TARGET}}", target.label()));
    }
  }

  private void subscribe(SseClient client) {
    client.keepAlive();
    clients.add(client);
    client.onClose(() -> clients.remove(client));
  }

  private void broadcast(Map<String, Object> frame) {
    String json = GSON.toJson(frame);
    for (SseClient client : clients) {
      if (client.terminated()) {
        clients.remove(client);
      } else {
        client.sendEvent("frame", json);
      }
    }
  }

  private void setup(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("target", target.label());
    out.put("parts", cluster.parts());
    out.put("faultsOnPart", FaultForm.ON_PART.keySet());
    out.put("adminFaults", FaultForm.ADMIN);
    out.put("scenarios", scenario.list());
    ctx.json(out);
  }

  private void fault(Context ctx) {
    FaultForm.Plan plan =
        FaultForm.plan(ctx.formParam("fault"), ctx.formParam("part"), ctx::formParam);
    if (plan.args().equals(List.of("fault", "clear"))) {
      undos.values().forEach(f -> f.cancel(false));
      undos.clear();
    }
    LabLine.Result result = line.change(plan.args());
    Map<String, Object> out = result(result);
    if (result.ok() && plan.undo().isPresent()) {
      long millis = dev.couplinglab.lab.Durations.parse(plan.lasting()).toMillis();
      List<String> undo = plan.undo().get();
      String key = String.join(" ", undo);
      Optional.ofNullable(undos.remove(key)).ifPresent(f -> f.cancel(false));
      undos.put(
          key,
          later.schedule(
              () -> {
                undos.remove(key);
                line.change(undo);
              },
              millis,
              TimeUnit.MILLISECONDS));
      out.put("message", result.summary() + "; 'lab " + key + "' in " + plan.lasting());
    }
    ctx.status(status(result)).json(out);
  }

  private void resilience(Context ctx) {
    List<String> args = new java.util.ArrayList<>(List.of("resilience", "set"));
    for (String option :
        List.of(
            "deadline", "max-attempts", "backoff", "breaker", "bulkhead", "repair", "entry-pool")) {
      String value = ctx.formParam(option);
      if (value != null && !value.isBlank()) {
        args.add("--" + option + "=" + value.strip());
      }
    }
    if (args.size() == 2) {
      throw LabException.usage("change at least one setting");
    }
    LabLine.Result result = line.change(args);
    ctx.status(status(result)).json(result(result));
  }

  private void placeOrders(Context ctx) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (String style : List.of("sync", "async")) {
      LabLine.Result result =
          line.change(List.of("order", "--style=" + style, "--sku=SKU-APPLE", "--qty=1"));
      out.put(style, result(result));
      result
          .output()
          .lines()
          .filter(l -> l.startsWith("order "))
          .findFirst()
          .ifPresent(l -> out.put(style + "Id", l.split(" ")[1]));
    }
    ctx.json(out);
  }

  private void order(Context ctx) {
    List<String> ids = ctx.queryParams("id").stream().filter(s -> !s.isBlank()).limit(2).toList();
    if (ids.isEmpty() || !ids.stream().allMatch(OrderView::plausible)) {
      throw LabException.usage("an order id is letters, digits and . _ : - only");
    }
    ctx.json(orders.show(ids));
  }

  private void report(Context ctx) throws IOException {
    Optional<String> html = reports.html(ctx.pathParam("run"));
    if (html.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).result("no such report");
      return;
    }
    ctx.json(Map.of("name", ctx.pathParam("run"), "html", html.get()));
  }

  private void reportFile(Context ctx) throws IOException {
    Optional<java.nio.file.Path> file = reports.file(ctx.pathParam("run"), ctx.pathParam("file"));
    if (file.isEmpty()) {
      ctx.status(HttpStatus.NOT_FOUND).result("no such file");
      return;
    }
    String name = file.get().getFileName().toString();
    ctx.contentType(
        name.endsWith(".svg")
            ? "image/svg+xml"
            : name.endsWith(".json") ? "application/json" : "text/plain; charset=utf-8");
    // An SVG of a report is an image: nothing in it runs.
    ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    ctx.result(Files.readAllBytes(file.get()));
  }

  private void act(Context ctx, java.util.function.Supplier<String> action) {
    String message = action.get();
    ctx.json(Map.of("ok", true, "message", message));
  }

  private static void refused(Context ctx, String message) {
    ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("ok", false, "message", message));
  }

  private static Map<String, Object> result(LabLine.Result result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("ok", result.ok());
    out.put("line", result.line());
    out.put("exitCode", result.exitCode());
    out.put("message", result.summary());
    out.put("output", result.output() + result.errors());
    return out;
  }

  private static HttpStatus status(LabLine.Result result) {
    return result.ok()
        ? HttpStatus.OK
        : result.exitCode() == 2 ? HttpStatus.BAD_REQUEST : HttpStatus.BAD_GATEWAY;
  }

  @Override
  public void close() {
    sampler.close();
    load.close();
    later.shutdownNow();
    if (app != null) {
      app.stop();
    }
    cluster.close();
  }
}
