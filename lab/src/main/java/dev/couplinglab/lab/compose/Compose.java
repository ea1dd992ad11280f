package dev.couplinglab.lab.compose;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.cluster.Shell;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The compose project {@code couplinglab}, seen and driven through the docker CLI. */
public final class Compose {

  /** The brokers of docker-compose.yml. */
  public static final List<String> BROKERS = List.of("kafka-1", "kafka-2", "kafka-3");

  /** The project's services, brokers first, in the order status lists them. */
  public static final List<String> SERVICES =
      Stream.concat(BROKERS.stream(), Service.ALL.stream().map(Service::serviceName)).toList();

  private final Shell shell;

  public Compose(Shell shell) {
    this.shell = shell;
  }

  /** One row of {@code docker compose ps}. */
  public record Row(String service, String container, String state, String health) {}

  /** Whether the project has a running container; false when docker is missing or fails. */
  public boolean anyRunning() {
    try {
      Shell.Result result = shell.run(ComposeCommands.runningIds());
      return result.ok() && !result.out().isBlank();
    } catch (LabException e) {
      return false;
    }
  }

  /** Every container of the project, in {@link #SERVICES} order. */
  public List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (String line : shell.require(ComposeCommands.table()).out().lines().toList()) {
      String[] f = line.split("\t", -1);
      if (f.length >= 4) {
        rows.add(new Row(f[0], f[1], f[2], f[3]));
      }
    }
    rows.sort(Comparator.comparingInt(r -> order(r.service())));
    return rows;
  }

  /** The container of {@code service}, running or not, if the project has one. */
  public Optional<String> containerId(String service) {
    String out = shell.require(ComposeCommands.containerId(service)).out().strip();
    return out.isEmpty() ? Optional.empty() : Optional.of(out.lines().findFirst().orElseThrow());
  }

  /** The container of {@code service}; a failure naming the service when there is none. */
  public String requireContainer(String service) {
    return containerId(service)
        .orElseThrow(
            () ->
                LabException.failure(
                    service
                        + " has no container in compose project "
                        + ComposeCommands.PROJECT
                        + ": start the cluster with 'docker compose up -d'"));
  }

  public ContainerState inspect(String container) {
    return ContainerState.parse(shell.require(ComposeCommands.inspect(container)).out());
  }

  /** Runs a docker command; fails with one line when it does not succeed. */
  public Shell.Result run(List<String> command) {
    return shell.require(command);
  }

  /** The address the host reaches a service on (published on 127.0.0.1), or a broker. */
  public static String address(String service) {
    return switch (service) {
      case "order-service" -> "localhost:15051";
      case "inventory-service" -> "localhost:15052";
      case "notification-service" -> "localhost:15053";
      case "kafka-1" -> "localhost:19092";
      case "kafka-2" -> "localhost:19093";
      case "kafka-3" -> "localhost:19094";
      default -> "-";
    };
  }

  /** Where the host scrapes a service's /metrics (published on 127.0.0.1). */
  public static String metricsAddress(String service) {
    return switch (service) {
      case "order-service" -> "localhost:9461";
      case "inventory-service" -> "localhost:9462";
      case "notification-service" -> "localhost:9463";
      default -> "-";
    };
  }

  private static int order(String service) {
    int i = SERVICES.indexOf(service);
    return i < 0 ? SERVICES.size() : i;
  }
}
