package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.metrics.Headlines;
import dev.couplinglab.experiment.metrics.MetricsEndpoint;
import dev.couplinglab.experiment.metrics.Samples;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.target.Target;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * The headline figures per style from the services' {@code /metrics}: two scrapes of each service
 * {@code --window} apart, so the figures are of the last seconds, not since start-up.
 */
@Command(
    mixinStandardHelpOptions = true,
    name = "metrics",
    description = {
      "Print each style's throughput, failures and latency, and each service's consumer lag and"
          + " outbox backlog, from two scrapes of the services' /metrics.",
      "Addresses: compose publishes 127.0.0.1:9461-9463; a local service writes its port to"
          + " run/data/<service>/metrics.port."
    })
public final class MetricsCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Option(names = "--target", paramLabel = "local|compose", description = "default: detected")
  private String target;

  @Option(
      names = "--window",
      defaultValue = "5s",
      converter = Durations.class,
      description = "time between the two scrapes (default 5s)")
  private Duration window;

  @Option(names = "--addresses", description = "print where each service's /metrics is, and stop")
  private boolean addressesOnly;

  @Override
  public Integer call() throws Exception {
    if (window.isNegative() || window.isZero() || window.toMinutes() > 10) {
      throw LabException.usage("--window must be more than 0 and at most 10m, was " + window);
    }
    LabContext context = lab.context();
    Target chosen = context.target(target == null ? null : Target.parse(target, "--target"));
    Map<String, String> errors = new LinkedHashMap<>();
    List<MetricsEndpoint> endpoints = endpoints(context, chosen, errors);
    if (addressesOnly) {
      endpoints.forEach(
          e ->
              context
                  .out()
                  .println(
                      e.service()
                          + "  "
                          + (errors.containsKey(e.service()) ? errors.get(e.service()) : e.uri())));
      context.out().flush();
      return 0;
    }
    Map<String, Samples> before = new LinkedHashMap<>();
    for (MetricsEndpoint e : endpoints) {
      scrape(e, before, errors);
    }
    Thread.sleep(window.toMillis());
    Map<String, Headlines.Window> windows = new LinkedHashMap<>();
    for (MetricsEndpoint e : endpoints) {
      Map<String, Samples> after = new LinkedHashMap<>();
      scrape(e, after, errors);
      String error = errors.get(e.service());
      windows.put(
          e.service(),
          error != null
              ? Headlines.Window.failed(error)
              : Headlines.Window.of(before.get(e.service()), after.get(e.service())));
    }
    context.out().print(Headlines.render(windows, window.toMillis() / 1000.0));
    context.out().flush();
    return windows.get(Part.ORDER.displayName()).error() == null ? 0 : 1;
  }

  /** Each service's endpoint; one whose address is unknown has its reason in {@code errors}. */
  private static List<MetricsEndpoint> endpoints(
      LabContext context, Target target, Map<String, String> errors) {
    List<MetricsEndpoint> endpoints = new ArrayList<>();
    for (Part part : List.of(Part.ORDER, Part.INVENTORY, Part.NOTIFICATION)) {
      String address = "localhost:0";
      try {
        address = context.metricsAddress(target, part);
      } catch (LabException e) {
        errors.put(part.displayName(), e.getMessage());
      }
      endpoints.add(new MetricsEndpoint(part.displayName(), address));
    }
    return endpoints;
  }

  private static void scrape(
      MetricsEndpoint endpoint, Map<String, Samples> into, Map<String, String> errors) {
    if (errors.containsKey(endpoint.service())) {
      return;
    }
    try {
      into.put(endpoint.service(), endpoint.scrape());
    } catch (IOException e) {
      errors.put(endpoint.service(), e.getMessage());
    }
  }
}
