package dev.couplinglab.experiment.calibrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.couplinglab.experiment.load.LatencySummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

class CapacitySearchTest {

  private static final Bounds BOUNDS = Bounds.DEFAULT;
  private static final List<Double> LADDER = List.of(10.0, 20.0, 30.0, 50.0, 75.0, 100.0);

  /** A step that passes, or fails by its sync p99 (300 ms against a 250 ms bound). */
  private static StepResult step(double rate, boolean passes) {
    return new StepResult(
        rate,
        (long) rate * 15,
        Map.of(),
        0,
        0,
        new LatencySummary(100, 5_000, passes ? 40_000 : 300_000, 400_000),
        new LatencySummary(100, 30_000, 200_000, 500_000));
  }

  /** Runs the search against a cluster that holds every rate {@code holds} accepts. */
  private static List<StepResult> search(CapacitySearch search, DoublePredicate holds) {
    List<StepResult> done = new ArrayList<>();
    for (OptionalDouble next = search.next(done, BOUNDS);
        next.isPresent();
        next = search.next(done, BOUNDS)) {
      done.add(step(next.getAsDouble(), holds.test(next.getAsDouble())));
    }
    return done;
  }

  @Test
  void climbsTheLadderAndStopsAtTheFirstFailingStep() {
    CapacitySearch search = new CapacitySearch(LADDER, 0);

    List<StepResult> steps = search(search, rate -> rate <= 30);

    assertThat(steps)
        .extracting(StepResult::rate)
        .as("rates tried")
        .containsExactly(10.0, 20.0, 30.0, 50.0);
    CapacitySearch.Outcome outcome = search.outcome(steps, BOUNDS);
    assertThat(outcome.capacityPerStyle()).as("capacity").hasValue(30.0);
    assertThat(outcome.verdict())
        .as("verdict")
        .isEqualTo("capacity 30/s per style: the highest rate both styles held (50/s failed)");
  }

  @Test
  void refinesBetweenTheLastPassingAndTheFirstFailingRate() {
    CapacitySearch search = new CapacitySearch(LADDER, 2);

    List<StepResult> steps = search(search, rate -> rate <= 42);

    assertThat(steps)
        .extracting(StepResult::rate)
        .as("ladder up to 50, then 40 (passes) and 45 (fails)")
        .containsExactly(10.0, 20.0, 30.0, 50.0, 40.0, 45.0);
    assertThat(search.outcome(steps, BOUNDS).capacityPerStyle()).as("capacity").hasValue(40.0);
  }

  @Test
  void stopsRefiningWhenTheGapIsNarrow() {
    CapacitySearch search = new CapacitySearch(List.of(10.0, 11.0), 3);

    List<StepResult> steps = search(search, rate -> rate <= 10);

    assertThat(steps)
        .extracting(StepResult::rate)
        .as("no midpoint between 10 and 11")
        .containsExactly(10.0, 11.0);
  }

  @Test
  void noPassingStepLeavesTheCapacityUnknownWithAClearMessage() {
    CapacitySearch search = new CapacitySearch(LADDER, 2);

    List<StepResult> steps = search(search, rate -> false);

    assertThat(steps).extracting(StepResult::rate).as("only the first step").containsExactly(10.0);
    CapacitySearch.Outcome outcome = search.outcome(steps, BOUNDS);
    assertThat(outcome.capacityPerStyle()).as("capacity").isEmpty();
    assertThat(outcome.verdict())
        .as("verdict")
        .isEqualTo(
            "capacity unknown: even the lowest rate, 10/s per style, failed"
                + " (sync p99 300.0 ms > 250.0 ms); start lower with --rates");
  }

  @Test
  void aLadderThatNeverFailsGivesALowerBound() {
    CapacitySearch search = new CapacitySearch(List.of(5.0, 10.0), 2);

    List<StepResult> steps = search(search, rate -> true);

    CapacitySearch.Outcome outcome = search.outcome(steps, BOUNDS);
    assertThat(outcome.capacityPerStyle()).as("capacity").hasValue(10.0);
    assertThat(outcome.verdict())
        .as("verdict")
        .startsWith("every step passed: capacity is at least 10/s");
  }

  @Test
  void anErrorARejectionOrALostOutcomeFailsAStepWithinTheLatencyBounds() {
    LatencySummary fast = new LatencySummary(10, 1_000, 2_000, 3_000);

    StepResult errors = new StepResult(20, 300, Map.of("UNAVAILABLE", 2L), 0, 0, fast, fast);
    StepResult rejected = new StepResult(20, 300, Map.of(), 4, 0, fast, fast);
    StepResult lost = new StepResult(20, 300, Map.of(), 0, 3, fast, fast);

    assertThat(errors.failure(BOUNDS)).as("errors").isEqualTo("PlaceOrder errors {UNAVAILABLE=2}");
    assertThat(rejected.failure(BOUNDS)).as("rejections").startsWith("4 rejected");
    assertThat(lost.failure(BOUNDS))
        .as("lost outcomes")
        .isEqualTo("3 async orders without an outcome");
    assertThat(step(20, true).passed(BOUNDS)).as("a clean fast step").isTrue();
  }

  @Test
  void stopsBeforeAStepTheStockCannotFeedAndSaysTheCapacityIsALowerBound() {
    CapacitySearch search = new CapacitySearch(LADDER, 0);
    List<StepResult> steps = List.of(step(10, true), step(20, true));

    CapacitySearch.Outcome outcome =
        search.stoppedEarly(steps, BOUNDS, "SKU-BREAD has 100 items left and 30/s needs 900");

    assertThat(CapacitySearch.stockShortfall("SKU-BREAD", 100, 30, 15))
        .as("30/s for 15 s in both styles needs 900")
        .hasValue(
            "SKU-BREAD has 100 items left and 30/s needs 900: start the cluster afresh"
                + " (lab down --clean, lab up) or pass another --sku");
    assertThat(CapacitySearch.stockShortfall("SKU-BREAD", 900, 30, 15)).as("enough").isEmpty();
    assertThat(CapacitySearch.stockShortfall("SKU-BREAD", -1, 30, 15)).as("unknown").isEmpty();
    assertThat(outcome.capacityPerStyle()).as("the last passing rate").hasValue(20.0);
    assertThat(outcome.verdict())
        .as("a lower bound, and why")
        .isEqualTo(
            "capacity at least 20/s per style (the last step run, passed); stopped before the"
                + " next: SKU-BREAD has 100 items left and 30/s needs 900");
  }

  @Test
  void confirmsAFailureByRunningTheRateOnceMore() {
    CapacitySearch search = new CapacitySearch(List.of(10.0, 20.0, 30.0), 0, true);
    List<StepResult> done = new ArrayList<>(List.of(step(10, true), step(20, false)));

    assertThat(search.next(done, BOUNDS)).as("20/s failed once: again").hasValue(20.0);
    done.add(step(20, true));
    assertThat(search.next(done, BOUNDS))
        .as("20/s passed the second time: climb on")
        .hasValue(30.0);
    done.add(step(30, false));
    assertThat(search.next(done, BOUNDS)).as("30/s failed once: again").hasValue(30.0);
    done.add(step(30, false));
    assertThat(search.next(done, BOUNDS)).as("30/s failed twice: done").isEmpty();
    assertThat(search.outcome(done, BOUNDS).capacityPerStyle()).as("capacity").hasValue(20.0);
  }
}
