package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.Lab;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.fault.LocalFaults;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Stops the cluster's processes, services first and Kafka last: SIGTERM, up to 10 s to finish, then
 * SIGKILL. Only a live process started for this run folder is touched.
 */
@Command(mixinStandardHelpOptions = true, name = "down", description = "Stop the local cluster.")
public final class DownCommand implements Callable<Integer> {

  private static final long GRACE_SECONDS = 10;

  @ParentCommand private Lab lab;

  @Option(
      names = "--clean",
      description = "Also delete Kafka's data and the services' databases (logs are kept).")
  private boolean clean;

  @Override
  public Integer call() throws Exception {
    RunDir run = lab.context().runDir();
    int stopped = stop(run, Part.SERVICES);
    stopped += stop(run, List.of(Part.KAFKA));
    if (Files.exists(run.faultsFile())) {
      new LocalFaults(
              lab.context().home(),
              run,
              lab.context().shell(),
              lab.context().err(),
              Clock.systemUTC())
          .forgetAll(lab.context().out()::println);
    }
    if (stopped == 0) {
      lab.context().out().println("Nothing was running in " + PathText.display(run.root()) + ".");
    }
    if (clean) {
      run.deleteData();
      lab.context().out().println("Deleted Kafka's data and the services' databases.");
    }
    return 0;
  }

  /** Sends SIGTERM to every part at once, then waits for each; returns how many were ours. */
  private int stop(RunDir run, List<Part> parts) throws InterruptedException {
    List<Part> terminated = new ArrayList<>();
    List<ProcessHandle> handles = new ArrayList<>();
    long began = System.nanoTime();
    for (Part part : parts) {
      OptionalLong pid = run.readPid(part);
      switch (ProcessOwnership.state(pid, run.marker())) {
        case OURS -> {
          ProcessHandle handle = ProcessHandle.of(pid.getAsLong()).orElseThrow();
          handle.destroy();
          terminated.add(part);
          handles.add(handle);
        }
        case DEAD ->
            lab.context()
                .out()
                .println(part + " was not running (pid " + pid.getAsLong() + " is gone)");
        case FOREIGN ->
            lab.context()
                .out()
                .println(
                    part
                        + ": pid "
                        + pid.getAsLong()
                        + " now belongs to another program; left alone");
        case NONE -> {}
      }
    }
    for (int i = 0; i < terminated.size(); i++) {
      awaitExit(terminated.get(i), handles.get(i), began);
    }
    parts.forEach(run::deletePid);
    return terminated.size();
  }

  private void awaitExit(Part part, ProcessHandle handle, long began) throws InterruptedException {
    long remaining = TimeUnit.SECONDS.toNanos(GRACE_SECONDS) - (System.nanoTime() - began);
    try {
      handle.onExit().get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
      lab.context()
          .out()
          .println(
              "stopped "
                  + part
                  + " (pid "
                  + handle.pid()
                  + ") in "
                  + Durations.seconds(System.nanoTime() - began));
    } catch (TimeoutException e) {
      handle.destroyForcibly();
      try {
        handle.onExit().get(5, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException stillThere) {
        throw LabException.failure(part + " (pid " + handle.pid() + ") survived SIGKILL");
      }
      lab.context()
          .out()
          .println(
              "killed "
                  + part
                  + " (pid "
                  + handle.pid()
                  + "): not stopped within "
                  + GRACE_SECONDS
                  + " s");
    } catch (ExecutionException e) {
      throw LabException.failure("cannot wait for " + part + ": " + e.getCause());
    }
  }
}
