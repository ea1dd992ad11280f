package dev.couplinglab.lab.traces;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.couplinglab.lab.LabException;
import dev.couplinglab.lab.SpanFixture;
import dev.couplinglab.lab.cluster.RunDir;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceWaitTest {

  private static final String ASYNC = "a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1a1";

  @TempDir Path run;

  private TraceWait waitFor(Duration bound) {
    return new TraceWait(() -> TraceFiles.local(RunDir.of(run)), bound);
  }

  @Test
  void waitsUntilTheChainReachesNotificationService() throws Exception {
    SpanFixture spans = new SpanFixture(run).asyncStart(ASYNC, "o-a");
    // notification-service's batch comes a moment after order-service's.
    CompletableFuture<Void> later =
        CompletableFuture.runAsync(
            () -> {
              try {
                spans.asyncEnd(ASYNC, "o-a");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            CompletableFuture.delayedExecutor(400, TimeUnit.MILLISECONDS));

    TraceWait.Result result = waitFor(Duration.ofSeconds(10)).await(List.of("o-a"));

    later.join();
    assertThat(result.incomplete()).as("whole").isEmpty();
    assertThat(result.traces().get(0).spans())
        .as("notification-service's span included")
        .anyMatch(s -> s.service().equals("notification-service"));
  }

  @Test
  void drawsWhatWasWrittenWhenTheBoundPasses() throws Exception {
    new SpanFixture(run).asyncStart(ASYNC, "o-a");

    TraceWait.Result result = waitFor(Duration.ofMillis(300)).await(List.of("o-a"));

    assertThat(result.incomplete()).as("named as incomplete").containsExactly("o-a");
    assertThat(result.traces()).as("its spans so far").hasSize(1);
  }

  @Test
  void saysSoInOneLineWhenNoSpanComes() {
    assertThatThrownBy(() -> waitFor(Duration.ofMillis(300)).await(List.of("o-none")))
        .isInstanceOf(LabException.class)
        .hasMessageContaining(
            "no span of order o-none reached the span files within 300ms of its end");
  }
}
