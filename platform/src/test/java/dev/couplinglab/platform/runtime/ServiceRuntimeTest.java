package dev.couplinglab.platform.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ServiceRuntimeTest {

  private final List<String> closed = new CopyOnWriteArrayList<>();

  @Test
  void closesPartsInReverseStartOrder() throws Exception {
    ServiceRuntime runtime = ServiceRuntime.start("test-service", this::threeParts);

    runtime.close();

    assertThat(closed).as("closed, the last started first").containsExactly("c", "b", "a");
  }

  @Test
  void aFailedStartClosesWhatStartedAndRethrows() {
    assertThatThrownBy(
            () ->
                ServiceRuntime.start(
                    "test-service",
                    runtime -> {
                      threeParts(runtime);
                      throw new IOException("port in use");
                    }))
        .as("the start-up failure")
        .isInstanceOf(IOException.class)
        .hasMessage("port in use");
    assertThat(closed).as("parts closed after the failed start").containsExactly("c", "b", "a");
  }

  @Test
  void aPartThatFailsToCloseDoesNotKeepTheOthersOpen() throws Exception {
    ServiceRuntime runtime =
        ServiceRuntime.start(
            "test-service",
            r -> {
              r.onClose("first", () -> closed.add("first"));
              r.onClose(
                  "broken",
                  () -> {
                    throw new IllegalStateException("broken on close");
                  });
              return r;
            });

    runtime.close();

    assertThat(closed).as("parts closed despite the broken one").containsExactly("first");
  }

  @Test
  void aPartThatDoesNotCloseWithinItsBoundIsLeftBehind() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    ServiceRuntime runtime =
        ServiceRuntime.start(
            "test-service",
            r -> {
              r.onClose("first", () -> closed.add("first"));
              r.onClose("stuck", Duration.ofMillis(50), never::await);
              return r;
            });

    runtime.close();

    assertThat(closed).as("the part started before the stuck one").containsExactly("first");
    never.countDown();
  }

  @Test
  void closingTwiceClosesOnceAndReleasesWhoeverWaits() throws Exception {
    ServiceRuntime runtime = ServiceRuntime.start("test-service", this::threeParts);

    runtime.close();
    runtime.close();
    runtime.awaitClosed();

    assertThat(closed).as("each part closed once").containsExactly("c", "b", "a");
  }

  @Test
  void refusesPartsOnceClosed() throws Exception {
    ServiceRuntime runtime = ServiceRuntime.start("test-service", this::threeParts);
    runtime.close();

    assertThatThrownBy(() -> runtime.onClose("late", () -> {}))
        .as("a part added after close")
        .isInstanceOf(IllegalStateException.class);
  }

  private ServiceRuntime threeParts(ServiceRuntime runtime) {
    for (String name : List.of("a", "b", "c")) {
      runtime.onClose(name, () -> closed.add(name));
    }
    return runtime;
  }
}
