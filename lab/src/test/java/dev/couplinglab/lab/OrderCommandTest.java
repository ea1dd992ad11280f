package dev.couplinglab.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order, get commands against a real gRPC server over TCP with fixed answers. */
class OrderCommandTest {

  private static FakeOrderService orders;

  @TempDir Path runDir;

  @BeforeAll
  static void startServer() throws Exception {
    orders = new FakeOrderService();
  }

  @AfterAll
  static void stopServer() throws Exception {
    orders.close();
  }

  private static LabRunner.Result lab(String... args) {
    String[] withTarget = new String[args.length + 2];
    System.arraycopy(args, 0, withTarget, 0, args.length);
    withTarget[args.length] = "--target";
    withTarget[args.length + 1] = orders.address();
    return LabRunner.run(Map.of(), withTarget);
  }

  /**
   * {@code lab order --sku SKU-APPLE --qty 1 --trace <options>}, spans read from {@link #runDir}.
   */
  private LabRunner.Result tracedOrder(String... options) {
    List<String> args = new ArrayList<>(List.of("order", "--sku", "SKU-APPLE", "--qty", "1"));
    args.addAll(List.of(options));
    args.addAll(List.of("--trace", "--address", orders.address()));
    return LabRunner.run(
        Map.of("LAB_TARGET", "local", "LAB_RUN_DIR", runDir.toString()),
        args.toArray(String[]::new));
  }

  @Test
  void printsTheOutcomeAndLatencyOfASyncOrder() {
    LabRunner.Result result =
        lab("order", "--style", "sync", "--sku", "SKU-APPLE", "--qty", "2", "--id", "o-7");

    assertThat(result.exitCode()).as("exit code").isZero();
    assertThat(result.outLines().get(0))
        .as("one line: id, style, state, latency, items")
        .matches("order o-7 sync CONFIRMED in \\d+\\.\\d ms \\(SKU-APPLE x 2\\)");
    assertThat(result.outLines().get(1)).as("the trace id to grep for").contains("trace-1");
  }

  @Test
  void takesTheServiceAddressFromAddressToo() {
    LabRunner.Result result =
        LabRunner.run(
            Map.of(),
            "order",
            "--style",
            "sync",
            "--sku",
            "SKU-APPLE",
            "--qty",
            "2",
            "--id",
            "o-8",
            "--address",
            orders.address());

    assertThat(result.exitCode()).as("exit code; " + result.err()).isZero();
    assertThat(result.outLines().get(0)).as("answered").startsWith("order o-8 sync CONFIRMED in ");
  }

  @Test
  void printsWhyAnOrderWasRejected() {
    LabRunner.Result result = lab("order", "--style", "SYNC", "--sku", "SKU-RARE", "--qty", "5");

    assertThat(result.exitCode()).as("a rejection is an answer, not an error").isZero();
    assertThat(result.outLines().get(0))
        .as("reason and detail")
        .matches(
            "order o-generated sync REJECTED in \\d+\\.\\d ms: INSUFFICIENT_STOCK insufficient"
                + " stock for SKU-RARE: requested 5, available 1");
  }

  @Test
  void waitsForTheOutcomeOfAnAsyncOrder() {
    LabRunner.Result result =
        lab(
            "order",
            "--style",
            "async",
            "--sku",
            "SKU-APPLE",
            "--qty",
            "1",
            "--id",
            "o-9",
            "--wait");

    assertThat(result.exitCode()).as("exit code").isZero();
    assertThat(result.outLines().get(0))
        .as("accepted first")
        .matches("order o-9 async PENDING, accepted in \\d+\\.\\d ms");
    assertThat(result.outLines().get(1))
        .as("then the outcome, end to end")
        .matches("order o-9 async CONFIRMED after \\d+\\.\\d ms end to end");
  }

  @Test
  void saysAnAcceptedOrderIsStillPendingWhenItsOwnWaitRunsOut() {
    LabRunner.Result result =
        lab(
            "order",
            "--style",
            "async",
            "--sku",
            "SKU-APPLE",
            "--qty",
            "1",
            "--id",
            "o-slow",
            "--wait",
            "--timeout",
            "300ms");

    assertThat(result.exitCode())
        .as("exit code: the order was accepted; only the wait ran out")
        .isZero();
    assertThat(result.errLines()).as("no error line").isEmpty();
    assertThat(result.out())
        .as("says it is accepted and pending, and how to follow it")
        .contains("order o-slow async PENDING, accepted in")
        .contains("order o-slow async is accepted and still PENDING after 300ms (--timeout)")
        .contains("'lab get o-slow'");
  }

  @Test
  void placesOneOfEachStyleAtOnceAndDrawsBothChainsOnOneAxis() throws Exception {
    new SpanFixture(runDir)
        .syncChain("5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a", "o-generated")
        .asyncStart("a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5", "o-generated-async")
        .asyncEnd("a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5", "o-generated-async");

    LabRunner.Result result = tracedOrder("--style", "both");

    assertThat(result.exitCode()).as("exit code; " + result.err()).isZero();
    assertThat(result.outLines())
        .as("both placed, the async one followed to its outcome")
        .anyMatch(l -> l.matches("order o-generated sync CONFIRMED in \\d+\\.\\d ms .*"))
        .anyMatch(l -> l.matches("order o-generated-async async PENDING, accepted in .*"))
        .anyMatch(l -> l.matches("order o-generated-async async CONFIRMED after .* end to end"));
    assertThat(result.out())
        .as("the two chains on one time axis, as lab trace --compare draws them")
        .contains("Both chains on one time axis")
        .contains("order o-generated ", "order o-generated-async")
        .contains("order-service", "notification-service", "client answered ^")
        .doesNotContain("still missing spans");
    assertThat(result.out().indexOf("trace 5a5a"))
        .as("sync first, as in lab trace --compare SYNC_ID ASYNC_ID")
        .isLessThan(result.out().indexOf("trace a5a5"));
  }

  @Test
  void drawsTheTraceOfOneOrderWithTrace() throws Exception {
    new SpanFixture(runDir).syncChain("7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b", "o-traced");

    LabRunner.Result result = tracedOrder("--style", "sync", "--id", "o-traced");

    assertThat(result.exitCode()).as("exit code; " + result.err()).isZero();
    assertThat(result.out())
        .as("one waterfall")
        .contains("trace 7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b7b", "client answered ^")
        .doesNotContain("Both chains");
  }

  @Test
  void refusesOneIdForTwoOrders() {
    LabRunner.Result result =
        lab("order", "--style", "both", "--sku", "SKU-APPLE", "--qty", "1", "--id", "o-x");

    assertThat(result.exitCode()).as("bad usage").isEqualTo(2);
    assertThat(result.err()).contains("--style both places two");
  }

  @Test
  void showsAStoredOrder() {
    LabRunner.Result result = lab("get", "o-1");

    assertThat(result.exitCode()).as("exit code").isZero();
    assertThat(result.out())
        .as("fields of the order")
        .contains("order     o-1")
        .contains("state     CONFIRMED")
        .contains("item      SKU-LAMP x 2")
        .contains("traceId   trace-1");
  }

  @Test
  void reportsAnUnknownOrderAsOneErrorLine() {
    LabRunner.Result result = lab("get", "o-404");

    assertThat(result.exitCode()).as("exit code").isEqualTo(1);
    assertThat(result.errLines())
        .as("status and description")
        .containsExactly("error: NOT_FOUND: no order o-404");
  }
}
