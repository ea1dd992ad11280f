package dev.couplinglab.lab.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogMergerTest {

  private static final String ORDER =
      "2026-11-27T07:32:53.100Z INFO  order-service [grpc-1] SyncFlow";
  private static final String INVENTORY =
      "2026-11-27T07:32:53.150Z INFO  inventory-service [grpc-2] ReserveEndpoint";

  @Test
  void mergesOneOrdersLinesAcrossFilesInTimeOrder() {
    var order =
        new LogMerger.Source(
            "order-service.log",
            List.of(
                "2026-11-27T07:32:53.100Z INFO  order-service [g] A orderId=o-1 style=sync - stored",
                "2026-11-27T07:32:53.300Z INFO  order-service [g] A orderId=o-1 style=sync - done"));
    var inventory =
        new LogMerger.Source(
            "inventory-service.log",
            List.of(
                "2026-11-27T07:32:53.200Z INFO  inventory-service [g] B orderId=o-1 - reserved"));

    List<String> merged = LogMerger.linesForOrder(List.of(order, inventory), "o-1");

    assertThat(merged)
        .as("lines of both services, ordered by their timestamps")
        .containsExactly(
            "2026-11-27T07:32:53.100Z INFO  order-service [g] A orderId=o-1 style=sync - stored",
            "2026-11-27T07:32:53.200Z INFO  inventory-service [g] B orderId=o-1 - reserved",
            "2026-11-27T07:32:53.300Z INFO  order-service [g] A orderId=o-1 style=sync - done");
  }

  @Test
  void matchesTheOrderIdAsAWholeTokenOnly() {
    var source =
        new LogMerger.Source(
            "order-service.log",
            List.of(
                ORDER + " orderId=o-12 traceId=t - other order",
                ORDER + " orderId=o-1 traceId=t - ours, followed by a space",
                ORDER + " orderId=o-1x - other order with a longer id",
                ORDER + " - mentions orderId=o-1",
                ORDER + " xorderId=o-1 - not the key",
                INVENTORY + " orderId=o-1"));

    List<String> merged = LogMerger.linesForOrder(List.of(source), "o-1");

    assertThat(merged)
        .as("o-1 matches at a space or at the end of the line, never as a prefix of o-12")
        .containsExactly(
            ORDER + " orderId=o-1 traceId=t - ours, followed by a space",
            ORDER + " - mentions orderId=o-1",
            INVENTORY + " orderId=o-1");
  }

  @Test
  void keepsContinuationLinesWithTheLineBeforeThem() {
    var source =
        new LogMerger.Source(
            "inventory-service.log",
            List.of(
                "stray line before any timestamp orderId=o-1",
                INVENTORY + " orderId=o-1 - failed",
                "java.sql.SQLException: disk I/O error",
                "\tat dev.couplinglab.Store.reserve(Store.java:42)",
                INVENTORY + " orderId=o-2 - failed too",
                "java.sql.SQLException: not ours",
                "2026-11-27T07:32:54.000Z INFO  inventory-service [g] B orderId=o-1 - retried"));

    List<String> merged = LogMerger.linesForOrder(List.of(source), "o-1");

    assertThat(merged)
        .as("the stack trace follows its line; another order's trace and stray lines stay out")
        .containsExactly(
            INVENTORY + " orderId=o-1 - failed",
            "java.sql.SQLException: disk I/O error",
            "\tat dev.couplinglab.Store.reserve(Store.java:42)",
            "2026-11-27T07:32:54.000Z INFO  inventory-service [g] B orderId=o-1 - retried");
  }

  @Test
  void keepsTheOrderOfSourcesForEqualTimestamps() {
    String stamp = "2026-11-27T07:32:53.174Z INFO  ";
    var first =
        new LogMerger.Source(
            "a.log", List.of(stamp + "first orderId=o-1", stamp + "second orderId=o-1"));
    var second = new LogMerger.Source("b.log", List.of(stamp + "third orderId=o-1"));

    List<String> merged = LogMerger.linesForOrder(List.of(first, second), "o-1");

    assertThat(merged)
        .as("equal timestamps: file order, then line order")
        .containsExactly(
            stamp + "first orderId=o-1", stamp + "second orderId=o-1", stamp + "third orderId=o-1");
  }

  @Test
  void comparesTimestampsAsInstantsNotAsText() {
    var coarse =
        new LogMerger.Source("a.log", List.of("2026-11-27T07:32:53.5Z INFO later orderId=o-1"));
    var fine =
        new LogMerger.Source("b.log", List.of("2026-11-27T07:32:53.174Z INFO earlier orderId=o-1"));

    assertThat(LogMerger.linesForOrder(List.of(coarse, fine), "o-1"))
        .as("53.174 s comes before 53.5 s whatever the number of digits")
        .containsExactly(
            "2026-11-27T07:32:53.174Z INFO earlier orderId=o-1",
            "2026-11-27T07:32:53.5Z INFO later orderId=o-1");
  }

  @Test
  void findsNothingForAnOrderNoLineCarries() {
    var source = new LogMerger.Source("a.log", List.of(ORDER + " orderId=o-1 - hello"));

    assertThat(LogMerger.linesForOrder(List.of(source), "o-9")).as("no match").isEmpty();
  }
}
