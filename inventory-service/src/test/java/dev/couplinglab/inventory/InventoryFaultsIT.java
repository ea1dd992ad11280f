package dev.couplinglab.inventory;

import static dev.couplinglab.inventory.OrderPlacedRecords.orderPlaced;
import static dev.couplinglab.inventory.OrderPlacedRecords.record;
import static dev.couplinglab.testkit.TopicReader.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.couplinglab.contracts.Topics;
import dev.couplinglab.contracts.v1.AdminServiceGrpc;
import dev.couplinglab.contracts.v1.AdminServiceGrpc.AdminServiceBlockingStub;
import dev.couplinglab.contracts.v1.ClearFaultsRequest;
import dev.couplinglab.contracts.v1.ConsumerFault;
import dev.couplinglab.contracts.v1.Fault;
import dev.couplinglab.contracts.v1.FaultSpec;
import dev.couplinglab.contracts.v1.GetStockRequest;
import dev.couplinglab.contracts.v1.InventoryServiceGrpc;
import dev.couplinglab.contracts.v1.ListFaultsRequest;
import dev.couplinglab.contracts.v1.PoisonFault;
import dev.couplinglab.contracts.v1.StockDecision;
import dev.couplinglab.contracts.v1.StockLevel;
import dev.couplinglab.kafka.LocalKafka;
import dev.couplinglab.platform.admin.AdminAuth;
import dev.couplinglab.platform.admin.AdminSettings;
import dev.couplinglab.platform.grpc.Channels;
import dev.couplinglab.platform.kafka.KafkaSettings;
import dev.couplinglab.platform.kafka.TopicSetup;
import dev.couplinglab.testkit.RawProducer;
import dev.couplinglab.testkit.TopicReader;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer faults and poison records injected through the admin API of a real inventory-service,
 * against a real broker: a stalled consumer decides nothing until the stall is cleared, poison is
 * parked on {@code orders.dlt} and consumption goes on.
 */
class InventoryFaultsIT {

  private static final String TOKEN = "inventory-faults-it";
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir static Path dir;
  static LocalKafka kafka;
  static InventoryApp app;
  static ManagedChannel channel;
  static RawProducer producer;
  static TopicReader decisions;
  static TopicReader deadLetters;
  static final List<Throwable> fatalErrors = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    kafka = LocalKafka.startOnFreePorts(dir.resolve("kafka"));
    TopicSetup.ensure(
        KafkaSettings.local(kafka.bootstrapServers(), "test"),
        List.of(Topics.ORDERS, Topics.INVENTORY));
    app =
        InventoryApp.start(
            InventoryConfig.forTest(dir.resolve("data"), kafka.bootstrapServers())
                .withAdmin(AdminSettings.withToken(TOKEN)),
            fatalErrors::add);
    channel = Channels.plaintext("localhost:" + app.grpcPort());
    producer = RawProducer.open(kafka.bootstrapServers());
    decisions = TopicReader.open(kafka.bootstrapServers(), Topics.INVENTORY.name());
    deadLetters = TopicReader.open(kafka.bootstrapServers(), Topics.ORDERS.deadLetterName());
  }

  @AfterAll
  static void stop() {
    deadLetters.close();
    decisions.close();
    producer.close();
    channel.shutdownNow();
    app.close();
    kafka.close();
  }

  @AfterEach
  void clearFaultsAndCheckHealth() {
    admin().clearFaults(ClearFaultsRequest.getDefaultInstance());
    assertThat(fatalErrors).as("fatal Kafka errors").isEmpty();
  }

  private static AdminServiceBlockingStub admin() {
    Metadata headers = new Metadata();
    headers.put(AdminAuth.AUTHORIZATION, "Bearer " + TOKEN);
    return AdminServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(30, TimeUnit.SECONDS)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  private static long fired(Fault fault) {
    return admin().listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList().stream()
        .filter(f -> f.getId().equals(fault.getId()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("fault " + fault.getId() + " is not listed"))
        .getFired();
  }

  private static StockLevel stock(String sku) {
    return InventoryServiceGrpc.newBlockingStub(channel)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .getStock(GetStockRequest.newBuilder().setSku(sku).build())
        .getLevels(0);
  }

  private static StockDecision parse(ConsumerRecord<String, byte[]> record) throws Exception {
    return Topics.INVENTORY.parse(record.value());
  }

  @Test
  void aStalledConsumerDecidesNothingUntilTheStallIsCleared() throws Exception {
    Fault stall =
        admin()
            .injectFault(
                FaultSpec.newBuilder()
                    .setConsumer(ConsumerFault.newBuilder().setTopic("orders").setStall(true))
                    .build());
    assertThat(stall.getDescription())
        .as("description")
        .isEqualTo("the consumer of orders stalled");
    await("the consumer holds back its polls").atMost(BOUND).until(() -> fired(stall) >= 1);
    StockLevel before = stock("SKU-APPLE");

    producer.send(record(orderPlaced("stalled-1", "trace-stalled", "SKU-APPLE", 1)));
    long firedWhenSent = fired(stall);
    await("three more polls held back after the record was written")
        .atMost(BOUND)
        .until(() -> fired(stall) >= firedWhenSent + 3);

    assertThat(stock("SKU-APPLE"))
        .as("stock while stalled")
        .extracting(StockLevel::getAvailable, StockLevel::getReserved)
        .containsExactly(before.getAvailable(), before.getReserved());
    assertThat(decisions.seenNow("stalled-1")).as("decisions while stalled").isEmpty();

    int removed =
        admin()
            .clearFaults(ClearFaultsRequest.newBuilder().setId(stall.getId()).build())
            .getRemoved();
    assertThat(removed).as("cleared").isEqualTo(1);

    StockDecision decision = parse(decisions.awaitFirst("stalled-1"));
    assertThat(decision.getReserved()).as("reserved after the stall").isTrue();
    assertThat(stock("SKU-APPLE").getAvailable())
        .as("stock after the stall")
        .isEqualTo(before.getAvailable() - 1);
  }

  @Test
  void aConsumerDelayCountsEachDelayedRecord() throws Exception {
    Fault delay =
        admin()
            .injectFault(
                FaultSpec.newBuilder()
                    .setConsumer(ConsumerFault.newBuilder().setDelayMs(100))
                    .build());

    producer.send(record(orderPlaced("delayed-1", "trace-delayed", "SKU-BREAD", 1)));

    assertThat(parse(decisions.awaitFirst("delayed-1")).getReserved())
        .as("reserved, later")
        .isTrue();
    assertThat(fired(delay)).as("records delayed").isGreaterThanOrEqualTo(1);
  }

  @Test
  void poisonIsParkedOnTheDeadLetterTopicAndConsumptionGoesOn() throws Exception {
    Fault poison =
        admin()
            .injectFault(
                FaultSpec.newBuilder()
                    .setPoison(PoisonFault.newBuilder().setTopic("orders").setCount(3))
                    .build());
    assertThat(poison.getFired()).as("poison records sent").isEqualTo(3);
    assertThat(admin().listFaults(ListFaultsRequest.getDefaultInstance()).getFaultsList())
        .as("a one-shot fault is not kept")
        .isEmpty();

    List<ConsumerRecord<String, byte[]>> parked =
        deadLetters
            .awaitAll(
                records ->
                    records.stream()
                            .filter(r -> poison.getId().equals(header(r, Topics.HEADER_FAULT_ID)))
                            .count()
                        >= 3)
            .stream()
            .filter(r -> poison.getId().equals(header(r, Topics.HEADER_FAULT_ID)))
            .toList();
    assertThat(parked)
        .as("parked poison records")
        .hasSize(3)
        .allSatisfy(
            r -> assertThat(header(r, Topics.HEADER_DLT_ERROR)).as("dlt-error").isNotBlank());

    producer.send(record(orderPlaced("after-poison", "trace-after", "SKU-COFFEE", 1)));
    assertThat(parse(decisions.awaitFirst("after-poison")).getReserved())
        .as("a valid order after the poison")
        .isTrue();
  }
}
