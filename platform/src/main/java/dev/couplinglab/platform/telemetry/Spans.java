package dev.couplinglab.platform.telemetry;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attribute names of this project's spans: the OpenTelemetry semantic conventions' where one
 * exists (messaging, rpc), {@code couplinglab.*} for the order's own.
 */
public final class Spans {

  public static final AttributeKey<String> MESSAGING_SYSTEM =
      AttributeKey.stringKey("messaging.system");
  public static final AttributeKey<String> MESSAGING_OPERATION =
      AttributeKey.stringKey("messaging.operation.type");
  public static final AttributeKey<String> DESTINATION =
      AttributeKey.stringKey("messaging.destination.name");
  public static final AttributeKey<String> MESSAGE_ID =
      AttributeKey.stringKey("messaging.message.id");
  public static final AttributeKey<String> CONSUMER_GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");
  public static final AttributeKey<String> PARTITION =
      AttributeKey.stringKey("messaging.destination.partition.id");
  public static final AttributeKey<Long> OFFSET = AttributeKey.longKey("messaging.kafka.offset");
  public static final AttributeKey<Long> RPC_STATUS = AttributeKey.longKey("rpc.grpc.status_code");

  public static final AttributeKey<String> ORDER_ID =
      AttributeKey.stringKey("couplinglab.order.id");
  public static final AttributeKey<String> STYLE = AttributeKey.stringKey("couplinglab.style");
  public static final AttributeKey<String> SKU = AttributeKey.stringKey("couplinglab.sku");
  public static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("couplinglab.outcome");
  public static final AttributeKey<Long> RETRY_ATTEMPT =
      AttributeKey.longKey("couplinglab.retry.attempt");

  private Spans() {}
}
