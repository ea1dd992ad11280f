package dev.couplinglab.lab.command;

import dev.couplinglab.experiment.RateBasis;
import dev.couplinglab.experiment.calibrate.Calibration;
import dev.couplinglab.experiment.calibrate.Calibrator;
import dev.couplinglab.experiment.calibrate.CapacityFile;
import dev.couplinglab.experiment.calibrate.Machine;
import dev.couplinglab.experiment.calibrate.SavedCapacity;
import dev.couplinglab.experiment.launch.Part;
import dev.couplinglab.experiment.model.Rate;
import dev.couplinglab.lab.LabContext;
import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.PathText;
import dev.couplinglab.lab.target.Target;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The capacity of the lab's target: measures it ({@link Calibrator}) and saves it as {@code
 * capacity.json} in the target's run folder (unless no step ran), reads it back, and resolves a
 * rate against it. A capacity saved for the other target is not used.
 */
final class LabCapacity {

  private final LabContext lab;
  private final Target target;

  LabCapacity(LabContext lab, Target target) {
    this.lab = lab;
    this.target = target;
  }

  /** {@code <run>/capacity.json}; compose: {@code <home>/run/capacity.json}. */
  Path file() {
    return lab.capacityFile(target);
  }

  /** Runs a calibration on the target, prints it line by line and saves it. */
  Calibration calibrate(Calibrator.Settings settings) throws IOException, InterruptedException {
    ManagedChannel order = channel(Part.ORDER);
    ManagedChannel inventory = channel(Part.INVENTORY);
    try {
      lab.out().println("Calibrating the " + target + " cluster");
      Calibration c =
          new Calibrator(order, inventory, lab.out()::println).run(settings, target.label());
      if (c.steps().isEmpty()) {
        // Nothing was measured: an earlier capacity stays rather than be replaced by nothing.
        lab.out().println("Not saved (no step ran): " + PathText.display(file()) + " is unchanged");
      } else {
        CapacityFile.write(c, file());
        lab.out().println("Saved: " + PathText.display(file()));
      }
      return c;
    } finally {
      for (ManagedChannel channel : new ManagedChannel[] {order, inventory}) {
        channel.shutdownNow();
        channel.awaitTermination(2, TimeUnit.SECONDS);
      }
    }
  }

  private ManagedChannel channel(Part service) {
    return ManagedChannelBuilder.forTarget(lab.serviceAddress(target, service))
        .usePlaintext()
        .build();
  }

  /**
   * {@code rate} resolved against the saved capacity; without one, calibrates first when {@code
   * calibrateIfMissing}, else fails with one line saying what to do.
   *
   * @param origin where the rate comes from, e.g. {@code --rate}
   */
  RateBasis resolve(Rate rate, String origin, boolean calibrateIfMissing)
      throws IOException, InterruptedException {
    Optional<RateBasis> basis = RateBasis.resolve(rate, origin, saved(), Machine.local());
    if (basis.isEmpty() && calibrateIfMissing) {
      lab.out().println(missing(rate) + ": calibrating first (--calibrate)");
      calibrate(Calibrator.Settings.defaults());
      basis = RateBasis.resolve(rate, origin, saved(), Machine.local());
    }
    return basis.orElseThrow(
        () ->
            LabException.failure(
                missing(rate)
                    + ": run 'bin/lab calibrate"
                    + (target == Target.COMPOSE ? " --target compose" : "")
                    + "' first, or give a fixed --rate N"));
  }

  /** The capacity saved for this target, if any. */
  Optional<SavedCapacity> saved() {
    try {
      return CapacityFile.read(file(), PathText.display(file()))
          .filter(s -> s.target().equals(target.label()));
    } catch (IllegalStateException e) {
      throw LabException.failure(e.getMessage());
    }
  }

  /** Why a share cannot be resolved: no file, another target's, or no passing rate. */
  private String missing(Rate rate) {
    String what = "rate " + rate.text() + " is a share of the capacity, but ";
    String shown = PathText.display(file());
    Optional<SavedCapacity> any;
    try {
      any = CapacityFile.read(file(), shown);
    } catch (IllegalStateException e) {
      return what + e.getMessage();
    }
    if (any.isEmpty()) {
      return what + "none is measured for the " + target + " cluster (no " + shown + ")";
    }
    if (!any.get().target().equals(target.label())) {
      return what
          + shown
          + " was measured on the "
          + any.get().target()
          + " cluster, not "
          + target;
    }
    return what + "the calibration in " + shown + " found no rate that held";
  }
}
