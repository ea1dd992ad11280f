package dev.couplinglab.lab.command;

import dev.couplinglab.contracts.Service;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.compose.Compose;
import dev.couplinglab.lab.compose.ComposeCommands;
import dev.couplinglab.lab.fault.FaultPart;
import dev.couplinglab.lab.logs.LogMerger;
import dev.couplinglab.lab.target.Target;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The compose services' logs, read with {@code docker compose logs} without docker's prefix: the
 * services' own lines start with their ISO timestamp, so the {@link LogMerger} orders them as it
 * does the local files.
 */
final class ComposeLogs {

  private static final List<String> ORDER_PATH =
      Service.ALL.stream().map(Service::serviceName).toList();

  /** Terminal control sequences: compose writes an "erase line" before lines even to a pipe. */
  private static final Pattern CONTROL = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]|\r");

  private final LabContext lab;

  ComposeLogs(LabContext lab) {
    this.lab = lab;
  }

  /** Every line of the three services carrying {@code orderId=<id>}, in time order. */
  List<String> forOrder(String orderId) {
    List<LogMerger.Source> sources = new ArrayList<>();
    for (String service : ORDER_PATH) {
      String text = lab.shell().require(ComposeCommands.logs(service, null, false)).out();
      sources.add(new LogMerger.Source(service, lines(text)));
    }
    return LogMerger.linesForOrder(sources, orderId);
  }

  /** The last {@code count} lines of one service (or of each), then new ones with follow. */
  void tail(String service, int count, boolean follow) throws IOException, InterruptedException {
    if (service != null) {
      String name = FaultPart.parse(service, Target.COMPOSE).name();
      if (follow) {
        stream(ComposeCommands.logs(name, count, true));
      } else {
        print(ComposeCommands.logs(name, count, false));
      }
      return;
    }
    if (follow) {
      stream(ComposeCommands.followAll(count));
      return;
    }
    for (String each : Compose.SERVICES) {
      lab.out().println("==> " + each + " <==");
      print(ComposeCommands.logs(each, count, false));
    }
  }

  /** A line as the service wrote it, without the terminal control sequences docker adds. */
  static String clean(String line) {
    return CONTROL.matcher(line).replaceAll("");
  }

  static List<String> lines(String text) {
    return text.lines().map(ComposeLogs::clean).toList();
  }

  private void print(List<String> command) {
    lines(lab.shell().require(command).out()).forEach(lab.out()::println);
  }

  /** Copies the command's output line by line until it ends or the lab is stopped (Ctrl-C). */
  private void stream(List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command)
            .directory(lab.home().toFile())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Thread stopper = new Thread(process::destroy);
    Runtime.getRuntime().addShutdownHook(stopper);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lab.out().println(clean(line));
        lab.out().flush();
      }
    }
    int code = process.waitFor();
    Runtime.getRuntime().removeShutdownHook(stopper);
    if (code != 0) {
      throw LabException.failure(String.join(" ", command) + " ended with exit code " + code);
    }
  }
}
