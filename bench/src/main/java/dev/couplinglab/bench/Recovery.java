package dev.couplinglab.bench;

import dev.couplinglab.experiment.load.OrderRecord;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * When a style was back to normal after an overload: the records of the load that followed it, in
 * slices of {@link #SLICE} of intended send time from the drop; a slice is normal when every order
 * sent in it was answered OK and their answers' p99 stayed under the bound (the load steps' sync
 * p99 bound). Recovered at the start of the first slice from which every later slice is normal.
 */
final class Recovery {

  static final Duration SLICE = Duration.ofSeconds(1);

  private Recovery() {}

  /** Seconds from the drop until recovered, or NaN when the window's last slice was not normal. */
  static double seconds(List<OrderRecord> records, Duration window, double boundMicros) {
    int slices = (int) Math.max(1, window.toNanos() / SLICE.toNanos());
    boolean[] normal = new boolean[slices];
    Histogram[] latencies = new Histogram[slices];
    java.util.Arrays.fill(normal, true);
    for (OrderRecord r : records) {
      int i = (int) Math.min(slices - 1, r.intendedNanos() / SLICE.toNanos());
      if (!r.accepted()) {
        normal[i] = false;
        continue;
      }
      if (latencies[i] == null) {
        latencies[i] = Latency.histogram();
      }
      Latency.record(latencies[i], r.acceptLatencyNanos());
    }
    int recoveredFrom = slices;
    for (int i = slices - 1; i >= 0; i--) {
      boolean ok =
          normal[i]
              && (latencies[i] == null
                  || latencies[i].getValueAtPercentile(99) / 1000.0 < boundMicros);
      if (!ok) {
        break;
      }
      recoveredFrom = i;
    }
    return recoveredFrom == slices ? Double.NaN : recoveredFrom * SLICE.toMillis() / 1000.0;
  }
}
