package dev.couplinglab.lab.fault;

import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.launch.Ports;
import dev.couplinglab.lab.Durations;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.cluster.LocalStarter;
import dev.couplinglab.lab.cluster.PortCheck;
import dev.couplinglab.lab.cluster.ProcessOwnership;
import dev.couplinglab.lab.cluster.RunDir;
import dev.couplinglab.lab.cluster.Shell;
import dev.couplinglab.lab.target.Target;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Faults on the local cluster: signals to the processes of the run folder (only to a live process
 * started for it, as {@code lab down} checks), and partitions as iptables rules on the loopback
 * interface (root only), tagged with the run folder's id.
 */
public final class LocalFaults extends Faults {

  private static final long STOP_GRACE_SECONDS = 10;

  private final Path home;
  private final RunDir run;
  private final Shell shell;
  private final PrintWriter err;
  private FaultState state;

  public LocalFaults(Path home, RunDir run, Shell shell, PrintWriter err, Clock clock) {
    super(clock);
    this.home = home;
    this.run = run;
    this.shell = shell;
    this.err = err;
  }

  @Override
  public String where() {
    return "the local cluster in " + PathText.display(run.root());
  }

  @Override
  public FaultState state() {
    if (state == null) {
      state = FaultState.load(run.faultsFile());
    }
    return state;
  }

  @Override
  public String kill(FaultPart part) {
    ProcessHandle process = ours(part);
    shell.require(FaultCommands.signal("SIGKILL", process.pid()));
    awaitExit(process, 5);
    state()
        .remove(part.name(), FaultKind.PAUSED, FaultKind.STOPPED)
        .add(fault(part, FaultKind.KILLED, process.pid()))
        .save();
    return part + " killed (SIGKILL to pid " + process.pid() + ")";
  }

  @Override
  public String stop(FaultPart part) {
    ProcessHandle process = ours(part);
    long began = System.nanoTime();
    shell.require(FaultCommands.signal("SIGTERM", process.pid()));
    if (ProcessOwnership.isStopped(process.pid())) {
      // A stopped process only sees the SIGTERM once it runs again.
      shell.require(FaultCommands.signal("SIGCONT", process.pid()));
    }
    String how = "SIGTERM to pid " + process.pid();
    if (awaitExit(process, STOP_GRACE_SECONDS)) {
      how += ", exited in " + Durations.seconds(System.nanoTime() - began);
    } else {
      shell.require(FaultCommands.signal("SIGKILL", process.pid()));
      awaitExit(process, 5);
      how += ", SIGKILL after " + STOP_GRACE_SECONDS + " s";
    }
    state()
        .remove(part.name(), FaultKind.PAUSED, FaultKind.KILLED)
        .add(fault(part, FaultKind.STOPPED, process.pid()))
        .save();
    return part + " stopped (" + how + ")";
  }

  @Override
  public String start(FaultPart part) {
    Optional<ProcessHandle> running = running(part);
    if (running.isPresent()) {
      return part + " is already running (pid " + running.get().pid() + ")";
    }
    Ports ports =
        run.readPorts()
            .orElseThrow(
                () ->
                    LabException.failure(
                        "no local cluster in "
                            + PathText.display(run.root())
                            + ": start it with 'lab up'"));
    LocalStarter starter = new LocalStarter(home, run, ports, err);
    starter.requireJar(part.local());
    int port = ports.of(part.local());
    if (!PortCheck.isFree(port)) {
      throw LabException.failure(
          "port " + port + " (for " + part + ") is in use by another program");
    }
    long began = System.nanoTime();
    ProcessHandle process = starter.launch(part.local());
    String ready;
    if (part.local() == Part.KAFKA) {
      starter.awaitKafka(process);
      ready = "answering";
    } else {
      starter.awaitServing(Map.of(part.local(), process));
      ready = "SERVING";
    }
    state().remove(part.name(), FaultKind.KILLED, FaultKind.STOPPED, FaultKind.PAUSED).save();
    return part
        + " started (pid "
        + process.pid()
        + "), "
        + ready
        + " in "
        + Durations.seconds(System.nanoTime() - began);
  }

  @Override
  public String pause(FaultPart part) {
    ProcessHandle process = ours(part);
    shell.require(FaultCommands.signal("SIGSTOP", process.pid()));
    state().add(fault(part, FaultKind.PAUSED, process.pid())).save();
    return part + " paused (SIGSTOP to pid " + process.pid() + ")";
  }

  @Override
  public String resume(FaultPart part) {
    ProcessHandle process = ours(part);
    shell.require(FaultCommands.signal("SIGCONT", process.pid()));
    state().remove(part.name(), FaultKind.PAUSED).save();
    return part + " resumed (SIGCONT to pid " + process.pid() + ")";
  }

  @Override
  public String partition(FaultPart part) {
    requireIptables();
    int port = port(part);
    if (shell.run(FaultCommands.checkDrop(port, run.runId())).ok()) {
      return part + " is already partitioned (TCP to port " + port + " dropped)";
    }
    shell.require(FaultCommands.addDrop(port, run.runId()));
    state().add(fault(part, FaultKind.PARTITIONED, port)).save();
    return part
        + " partitioned (iptables drops TCP to port "
        + port
        + " on lo, rule "
        + FaultCommands.comment(run.runId())
        + ")";
  }

  @Override
  public String heal(FaultPart part) {
    requireIptables();
    int port = port(part);
    state().remove(part.name(), FaultKind.PARTITIONED).save();
    if (!shell.run(FaultCommands.checkDrop(port, run.runId())).ok()) {
      return part + " was not partitioned (no rule of ours for port " + port + ")";
    }
    shell.require(FaultCommands.deleteDrop(port, run.runId()));
    return part + " healed (iptables rule for port " + port + " deleted)";
  }

  @Override
  public Optional<String> effect(Fault fault) {
    FaultPart part = part(fault.part());
    return switch (fault.kind()) {
      case PAUSED -> {
        long pid = Long.parseLong(fault.detail());
        boolean stopped =
            ProcessOwnership.owned(pid, run.marker()).isPresent()
                && ProcessOwnership.isStopped(pid);
        yield stopped ? Optional.of("pid " + pid + " stopped (SIGSTOP)") : Optional.empty();
      }
      case KILLED, STOPPED ->
          running(part).isEmpty()
              ? Optional.of("not running (was pid " + fault.detail() + ")")
              : Optional.empty();
      case PARTITIONED -> {
        int port = Integer.parseInt(fault.detail());
        boolean ruled =
            iptablesWorks() && shell.run(FaultCommands.checkDrop(port, run.runId())).ok();
        yield ruled ? Optional.of("TCP to port " + port + " dropped") : Optional.empty();
      }
    };
  }

  @Override
  protected FaultPart part(String name) {
    return FaultPart.parse(name, Target.LOCAL);
  }

  /** Deletes every iptables rule tagged for this run folder, also those the state file forgot. */
  @Override
  protected void sweep(Consumer<String> out) {
    if (!iptablesWorks()) {
      return;
    }
    String listing = shell.require(FaultCommands.listInput()).out();
    for (List<String> deletion : FaultCommands.deleteOurs(listing, run.runId())) {
      shell.require(deletion);
      out.accept("deleted the iptables rule of ours for port " + FaultCommands.portOf(deletion));
    }
  }

  /**
   * For {@code lab down}: the cluster stops, so its faults end; deletes our iptables rules (a rule
   * left behind would cut the next cluster on the same port) and the state file.
   */
  public void forgetAll(Consumer<String> out) {
    sweep(out);
    state().all().forEach(f -> state().remove(f));
    state().save();
  }

  private Optional<ProcessHandle> running(FaultPart part) {
    return run.readPid(part.local()).stream()
        .boxed()
        .findFirst()
        .flatMap(pid -> ProcessOwnership.owned(pid, run.marker()));
  }

  private ProcessHandle ours(FaultPart part) {
    return running(part)
        .orElseThrow(
            () ->
                LabException.failure(
                    part + " is not running in " + where() + " (see 'lab status')"));
  }

  private int port(FaultPart part) {
    return run.readPorts()
        .orElseThrow(
            () -> LabException.failure("no local cluster in " + PathText.display(run.root())))
        .of(part.local());
  }

  private boolean iptablesWorks() {
    try {
      return shell.run(FaultCommands.listInput()).ok();
    } catch (LabException e) {
      return false;
    }
  }

  private void requireIptables() {
    Shell.Result result;
    try {
      result = shell.run(FaultCommands.listInput());
    } catch (LabException e) {
      throw LabException.failure("partitions need root and iptables: " + e.getMessage());
    }
    if (!result.ok()) {
      throw LabException.failure("partitions need root and iptables: " + result.why());
    }
  }

  private Fault fault(FaultPart part, FaultKind kind, long detail) {
    return new Fault(part.name(), kind, clock.instant(), Long.toString(detail));
  }

  /** Whether the process ended (or is a zombie) within {@code seconds}. */
  private static boolean awaitExit(ProcessHandle process, long seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      if (ProcessOwnership.state(OptionalLong.of(process.pid()), "")
          == ProcessOwnership.State.DEAD) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw LabException.failure("interrupted");
      }
    }
  }
}
