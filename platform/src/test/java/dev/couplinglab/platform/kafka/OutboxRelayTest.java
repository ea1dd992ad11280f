package dev.couplinglab.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Topic;
import dev.couplinglab.contracts.v1.EventMeta;
import dev.couplinglab.contracts.v1.OrderPlaced;
import dev.couplinglab.platform.store.Database;
import dev.couplinglab.platform.store.Outbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's bookkeeping with acknowledgements under the test's control (no broker). */
class OutboxRelayTest {

  private static final Duration BOUND = Duration.ofSeconds(10);
  private static final Topic<OrderPlaced> TOPIC =
      new Topic<>("relay-unit", OrderPlaced.class, OrderPlaced.parser());

  @TempDir Path dir;

  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());

  @Test
  void sendsNewRowsWhileEarlierOnesWaitAndDeletesOnlyAcknowledgedOnes() throws Exception {
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    try (Database database = openDatabase();
        OutboxRelay relay = new OutboxRelay(database, producer, fatal::set).start()) {
      write(database, relay, "o-1");
      awaitSent(1);
      write(database, relay, "o-2"); // o-1 is not acknowledged yet: o-2 must not wait for it
      awaitSent(2);

      assertThat(database.inTransaction(Outbox::size)).as("rows before any ack").isEqualTo(2);
      producer.completeNext(); // o-1
      relay.nudge();
      await("o-1's row deleted")
          .atMost(BOUND)
          .until(() -> database.inTransaction(Outbox::size), size -> size == 1);
      producer.completeNext(); // o-2
      await("outbox emptied")
          .atMost(BOUND)
          .until(() -> database.inTransaction(Outbox::size), size -> size == 0);
    }
    assertThat(keys(producer.history())).containsExactly("o-1", "o-2");
    assertThat(fatal.get()).isNull();
  }

  @Test
  void aFailedSendIsSentAgainWithEverythingAfterItAndNothingIsLost() throws Exception {
    AtomicReference<Throwable> fatal = new AtomicReference<>();
    try (Database database = openDatabase();
        OutboxRelay relay = new OutboxRelay(database, producer, fatal::set).start()) {
      write(database, relay, "o-1");
      write(database, relay, "o-2");
      write(database, relay, "o-3");
      awaitSent(3);

      producer.completeNext(); // o-1 acknowledged
      producer.errorNext(new NetworkException("broker went away")); // o-2 failed
      producer.completeNext(); // o-3 acknowledged, but after a failure: sent again anyway
      awaitSent(5);
      producer.completeNext();
      producer.completeNext();
      await("outbox emptied")
          .atMost(BOUND)
          .until(() -> database.inTransaction(Outbox::size), size -> size == 0);
    }
    assertThat(keys(producer.history())).containsExactly("o-1", "o-2", "o-3", "o-2", "o-3");
    assertThat(fatal.get()).as("a retriable failure is not fatal").isNull();
  }

  @Test
  void healthFollowsTheOutcomeOfTheLastSend() throws Exception {
    List<Boolean> told = new CopyOnWriteArrayList<>();
    try (Database database = openDatabase();
        OutboxRelay relay = new OutboxRelay(database, producer, e -> {}, told::add).start()) {
      write(database, relay, "o-1");
      awaitSent(1);
      assertThat(told).as("nothing said before the first send settles").isEmpty();

      producer.completeNext();
      await("SERVING after an ack").atMost(BOUND).until(() -> told.equals(List.of(true)));
      write(database, relay, "o-2");
      awaitSent(2);
      producer.errorNext(new NetworkException("broker went away"));
      await("NOT_SERVING after a failed send")
          .atMost(BOUND)
          .until(() -> told.equals(List.of(true, false)));
      awaitSent(3); // o-2 again, after the back-off
      producer.completeNext();
      await("SERVING again once a send succeeds")
          .atMost(BOUND)
          .until(() -> told.equals(List.of(true, false, true)));
    }
  }

  @Test
  void aSendWaitingTooLongForItsAckIsNotServing() throws Exception {
    List<Boolean> told = new CopyOnWriteArrayList<>();
    try (Database database = openDatabase();
        OutboxRelay relay = new OutboxRelay(database, producer, e -> {}, told::add).start()) {
      write(database, relay, "o-1");
      awaitSent(1);
      // no ack, no failure: brokers that do not answer
      await("NOT_SERVING once the ack is overdue")
          .atMost(BOUND)
          .until(() -> told.equals(List.of(false)));
      producer.completeNext();
      await("SERVING once it comes").atMost(BOUND).until(() -> told.equals(List.of(false, true)));
    }
  }

  private void awaitSent(int count) {
    await("records sent").atMost(BOUND).until(() -> producer.history().size() >= count);
    assertThat(producer.history()).as("records sent").hasSize(count);
  }

  private Database openDatabase() throws Exception {
    Database database = new Database(Database.sqliteFile(dir.resolve("relay.db")));
    database.applySchema("relay-test-schema.sql");
    return database;
  }

  private static void write(Database database, OutboxRelay relay, String orderId) throws Exception {
    OrderPlaced event =
        OrderPlaced.newBuilder()
            .setMeta(EventMeta.newBuilder().setEventId("e-" + orderId).setOrderId(orderId))
            .setSku("SKU-LAMP")
            .setQuantity(1)
            .build();
    database.inTransaction(
        c -> {
          Outbox.append(c, TOPIC, orderId, event, "e-" + orderId);
          return null;
        });
    relay.nudge();
  }

  private static List<String> keys(List<ProducerRecord<String, byte[]>> records) {
    return records.stream().map(ProducerRecord::key).toList();
  }
}
