package dev.couplinglab.contracts;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;

/**
 * A Kafka topic with its value type. Keys are always the order id (UTF-8 string); values are the
 * protobuf encoding of {@code V}. Every topic has a dead-letter topic for records that cannot be
 * processed.
 */
public record Topic<V extends Message>(String name, Class<V> valueType, Parser<V> parser) {

  public String deadLetterName() {
    return name + ".dlt";
  }

  public V parse(byte[] value) throws InvalidProtocolBufferException {
    if (value == null) {
      throw new InvalidProtocolBufferException("record has no value");
    }
    return parser.parseFrom(value);
  }

  @Override
  public String toString() {
    return name;
  }
}
