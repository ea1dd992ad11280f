package dev.couplinglab.platform.kafka;

/**
 * Told when a Kafka part (the outbox relay, a consumer) starts or stops doing its job, so the
 * service can report it (as gRPC health) without the part knowing how. Called on changes only, from
 * the part's own thread.
 */
@FunctionalInterface
public interface PartHealth {

  PartHealth NONE = serving -> {};

  void serving(boolean serving);
}
