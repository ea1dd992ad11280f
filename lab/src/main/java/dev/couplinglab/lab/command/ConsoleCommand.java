package dev.couplinglab.lab.command;

import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.console.ConsoleServer;
import dev.couplinglab.lab.target.Target;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Serves the live console: both styles side by side, the cluster as a picture, every fault. */
@Command(
    mixinStandardHelpOptions = true,
    name = "console",
    description = {
      "Serve a web page that shows both styles side by side, updated every second, the cluster as"
          + " a picture with the faults on it, buttons for every fault, load and scenario, and any"
          + " order's trace and log lines. Runs until Ctrl-C."
    })
public final class ConsoleCommand implements Callable<Integer> {

  @ParentCommand private Lab lab;

  @Mixin private TargetOption target;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "7480",
      description = "the port (default 7480; 0: any free port)")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "the address to listen on (default 127.0.0.1: this machine only; the page can kill your"
              + " services)")
  String bind;

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw LabException.usage("--port must be from 0 to 65535, was " + port);
    }
    LabContext context = lab.context();
    Target chosen = context.target(target.asked());
    ConsoleServer server = new ConsoleServer(context, chosen);
    int bound;
    try {
      bound = server.start(bind, port);
    } catch (RuntimeException e) {
      server.close();
      throw LabException.failure(
          "the console cannot listen on "
              + bind
              + ":"
              + port
              + " ("
              + e.getMessage()
              + ")"
              + (port != 0 ? ": is another console running? try --port 0" : ""));
    }
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    context
        .out()
        .println(
            "Console for the " + chosen.label() + " cluster: http://" + host + ":" + bound + "/");
    context.out().println("Ctrl-C stops it.");
    context.out().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "console-stop"));
    stopped.await();
    return 0;
  }
}
