package dev.couplinglab.lab.admin;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The application faults of every service of a cluster, for {@code lab fault list} and {@code lab
 * fault clear}. A service that is not there (connection refused) has none: faults live in memory.
 * One that does not answer (paused) gets a note. Any other error (a wrong token) is thrown.
 */
public final class AdminFaults {

  /** Short: a paused service must not hold {@code fault list} for long. */
  static final Duration BOUND = Duration.ofSeconds(2);

  private final AdminAccess access;
  private final Clock clock;

  public AdminFaults(AdminAccess access, Clock clock) {
    this.access = access;
    this.clock = clock;
  }

  /** What {@code fault list} shows: one line per active fault, and notes on silent services. */
  public record Listing(List<String> faults, List<String> notes) {}

  public Listing list() {
    List<String> faults = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String service : access.services()) {
      try (AdminClient client = access.open(service)) {
        client.list(BOUND).forEach(f -> faults.add(AdminSpecs.listed(service, f, clock)));
      } catch (StatusRuntimeException e) {
        silent(service, e, "not listed").ifPresent(notes::add);
      }
    }
    return new Listing(faults, notes);
  }

  /** Clears every admin fault of every service that answers; returns how many were removed. */
  public int clear(Consumer<String> out) {
    int removed = 0;
    for (String service : access.services()) {
      try (AdminClient client = access.open(service)) {
        int n = client.clear("", BOUND);
        if (n > 0) {
          out.accept(service + " cleared " + n + (n == 1 ? " admin fault" : " admin faults"));
        }
        removed += n;
      } catch (StatusRuntimeException e) {
        silent(service, e, "not cleared").ifPresent(out);
      }
    }
    return removed;
  }

  private static Optional<String> silent(String service, StatusRuntimeException e, String what) {
    Status.Code code = e.getStatus().getCode();
    if (code == Status.Code.UNAVAILABLE) {
      return Optional.empty();
    }
    if (code == Status.Code.DEADLINE_EXCEEDED) {
      return Optional.of(
          service
              + " admin faults "
              + what
              + ": no answer within "
              + BOUND.toSeconds()
              + " s (paused?)");
    }
    throw e;
  }
}
