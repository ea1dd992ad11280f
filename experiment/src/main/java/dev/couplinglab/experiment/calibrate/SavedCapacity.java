package dev.couplinglab.experiment.calibrate;

import java.time.Instant;
import java.util.OptionalDouble;

/**
 * A capacity read back from {@code capacity.json}: what a percentage rate is resolved against.
 *
 * @param capacityPerStyle empty when that calibration found no passing rate
 * @param file where it was read, as the user would type it
 */
public record SavedCapacity(
    OptionalDouble capacityPerStyle,
    String target,
    Instant measuredAt,
    String machine,
    String bounds,
    String file) {}
